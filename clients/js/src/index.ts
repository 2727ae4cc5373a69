// A small typed client of the Switchboard API: openapi-fetch over the types
// generated from the server's contract (./openapi.d.ts, `npm run
// contract:generate`). Paths, parameters, bodies, answers and error bodies are
// all typed; `components['schemas']` has the shared shapes and the websocket
// protocol (ServerMessage, StoredEvent, Event.<type>).
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi.js';

export type { components, paths };
export type Schemas = components['schemas'];
export type SwitchboardClient = Client<paths>;

export interface ClientOptions {
  /** Where Switchboard answers, e.g. https://support.example.com */
  baseUrl: string;
  /** An API token (`sbk_…`, Admin → API tokens, or POST /api/v1/api-tokens): it acts as its operator. */
  token: string;
  fetch?: typeof globalThis.fetch;
}

export function createSwitchboardClient(options: ClientOptions): SwitchboardClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** An answer's error body as an Error, so callers can `throw` it. */
export class SwitchboardError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: Schemas['ApiErrorBody'] } | undefined,
  ) {
    super(body?.error?.message ?? `HTTP ${status}`);
  }
  get code(): string | null {
    return this.body?.error?.code ?? null;
  }
}

/** The data of an openapi-fetch answer, or its error thrown. */
export function ok<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data === undefined || !answer.response.ok) {
    throw new SwitchboardError(answer.response.status, answer.error as never);
  }
  return answer.data;
}
