// A fetch stand-in for report pages: answers by method and path, records every
// request (URL, parsed query, JSON body) so tests can assert what was asked.
import { vi } from 'vitest';
import type { Role } from '../../web/src/api/types';
import { session } from '../../web/src/state/session';
import { signIn } from './setup';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Handler = (req: Recorded) => unknown;

/**
 * Routes are `"GET /reports/operators"` (path under /api/v1, no query); others answer 404.
 * A handler answers 200 with what it returns, or with a `Response` it builds (an error).
 */
export function mockApi(routes: Record<string, Handler>): Recorded[] {
  const calls: Recorded[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://app.test');
      const req: Recorded = {
        method: init.method ?? 'GET',
        path: url.pathname.replace(/^\/api\/v1/, ''),
        query: url.searchParams,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      calls.push(req);
      const handler = routes[`${req.method} ${req.path}`];
      if (!handler)
        return new Response(
          JSON.stringify({ error: { code: 'not_found', message: 'Not found.', field: null } }),
          {
            status: 404,
          },
        );
      const out = handler(req);
      if (out instanceof Response) return out;
      return new Response(JSON.stringify(out), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return calls;
}

export function callsTo(calls: Recorded[], method: string, path: string): Recorded[] {
  return calls.filter((c) => c.method === method && c.path === path);
}

export function signInAs(role: Role) {
  const me = signIn();
  const withRole = { ...me, operator: { ...me.operator, role } };
  session.set({ phase: 'ready', me: withRole });
  return withRole;
}
