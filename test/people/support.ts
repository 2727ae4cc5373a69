// Helpers of the operator-lifecycle tests: sessions from addresses of their
// own (log-in is limited per address), and calls with the session's CSRF token.
import { expect } from 'vitest';
import type { TestOperator } from '../support/harness.js';

export interface Session {
  cookie: string;
  csrf: string;
}

let addresses = 0;
/** A new client address per call, in a range of this test file's own. */
export function addressFactory(prefix: string) {
  return () => `${prefix}.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;
}

export async function logIn(
  url: string,
  op: Pick<TestOperator, 'email' | 'password'>,
  address: string,
): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email: op.email, password: op.password }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

export function call(
  url: string,
  s: Session | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The token in a password link (it rides in the fragment). */
export function tokenOf(link: string): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(link);
  if (!match) throw new Error(`no token in ${link}`);
  return match[1]!;
}
