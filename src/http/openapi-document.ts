// The OpenAPI document without a running server, for the generated client
// (clients/js, `npm run contract:generate`) and its staleness check. The app
// is only built, never started: routes register their schemas and nothing
// they depend on is called, so no database, bus or realtime gateway is needed.
import { loadConfig } from '../config.js';
import { buildHttpApp, type HttpDeps } from './app.js';

export async function openapiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ SECRET: 'openapi-document-only-never-serves' });
  const unused = {} as never;
  const app = await buildHttpApp(
    {
      config,
      services: unused,
      messages: unused,
      realtime: unused,
      storeKind: 'embedded',
    } satisfies HttpDeps,
    false,
  );
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
