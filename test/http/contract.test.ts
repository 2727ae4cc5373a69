// The API contract (issue 20): every route of /api/openapi.json declares a typed
// success answer and its error answers in the one error shape; what a route
// sends is what its schema names, nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../src/errors.js';
import { startTestServer, type TestServer } from '../support/harness.js';

interface Media {
  schema?: Record<string, unknown>;
}
interface Answer {
  description?: string;
  content?: Record<string, Media>;
}
interface Operation {
  responses?: Record<string, Answer>;
}
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: object } };

let server: TestServer;
let spec: Spec;

beforeAll(async () => {
  server = await startTestServer();
  spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Spec;
});
afterAll(() => server.close());

function operations(): [string, Operation][] {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      op,
    ]),
  );
}

/** A schema, its `$ref` to a component followed. */
function deref(schema: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  const id = ref.replace('#/components/schemas/', '');
  return (spec.components.schemas as Record<string, Record<string, unknown>>)[id];
}

/** A schema that says something: not `{}` (anything goes). */
const typed = (schema: Record<string, unknown> | undefined) =>
  !!schema && Object.keys(schema).length > 0;

describe('the OpenAPI contract', () => {
  it('gives every route a typed success answer (JSON with a schema, or a declared other type)', () => {
    const untyped: string[] = [];
    for (const [name, op] of operations()) {
      const ok = Object.entries(op.responses ?? {}).filter(([status]) =>
        /^(2|3)\d\d$|^101$/.test(status),
      );
      const good = ok.some(([status, answer]) => {
        // A redirect, an upgrade or 204: no body, but declared with a description.
        if (!answer.content) return status !== '200' && answer.description !== 'Default Response';
        return Object.values(answer.content).some((media) => typed(media.schema));
      });
      if (!good) untyped.push(name);
    }
    expect(untyped).toEqual([]);
  });

  it('gives every route its error answers in the documented shape, codes at their catalog status', () => {
    const wrong: string[] = [];
    for (const [name, op] of operations()) {
      const errors = Object.entries(op.responses ?? {}).filter(([status]) =>
        /^[45]\d\d$/.test(status),
      );
      if (errors.length === 0) wrong.push(`${name}: no error answers`);
      for (const [status, answer] of errors) {
        const schema = deref(answer.content?.['application/json']?.schema) as
          | { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }
          | undefined;
        // Not the error shape: an answer of its own (GET /api/ready's 503 says which check failed).
        if (!schema?.properties?.error) continue;
        const codes = schema.properties.error.properties?.code?.enum ?? [];
        if (codes.length === 0) wrong.push(`${name} ${status}: no codes`);
        for (const code of codes) {
          const entry = ERROR_CATALOG[code as keyof typeof ERROR_CATALOG];
          if (!entry || String(entry.status) !== status) wrong.push(`${name} ${status}: ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names the shared shapes as components', () => {
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['ConversationView', 'MessageView', 'ApiErrorBody']),
    );
  });
});
