// API tokens: listed (never their secret) with creation, last use and expiry;
// revoked or expired tokens are refused with 401; last use is written at most
// once a minute per token, so a busy integration costs no write per request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';
import { connect } from '../support/ws-client.js';

let server: TestServer;
let clock = Date.parse('2026-03-01T09:00:00Z');
beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(clock) });
});
afterAll(() => server.close());

interface TokenView {
  id: string;
  name: string;
  operatorId: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

describe('API tokens', () => {
  let account: TestAccount;
  let admin: LoginHeaders;
  let natalia: LoginHeaders;
  beforeAll(async () => {
    account = await buildAccount(server.sb.services, { operators: [{ name: 'Natalia' }] });
    admin = await loginHeaders(server.url, account.admin);
    natalia = await loginHeaders(server.url, account.operator('Natalia'));
  });

  function call(as: LoginHeaders, method: string, path: string, body?: unknown) {
    const { 'content-type': _json, ...headers } = as;
    return fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: body === undefined ? headers : as,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  const withToken = (token: string) =>
    fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  async function create(as: LoginHeaders, body: Record<string, unknown>) {
    const res = await call(as, 'POST', '/api-tokens', body);
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; token: string; expiresAt: string | null };
  }
  async function list(as: LoginHeaders) {
    const res = await call(as, 'GET', '/api-tokens');
    expect(res.status).toBe(200);
    return ((await res.json()) as { tokens: TokenView[] }).tokens;
  }

  it('lists name, creation, last use and expiry, never the secret', async () => {
    const made = await create(natalia, {
      name: 'CRM sync',
      expiresAt: new Date(clock + 3_600_000).toISOString(),
    });
    const [view] = (await list(natalia)).filter((t) => t.id === made.id);
    expect(view).toEqual({
      id: made.id,
      name: 'CRM sync',
      operatorId: account.operator('Natalia').id,
      operatorName: 'Natalia',
      createdAt: new Date(clock).toISOString(),
      lastUsedAt: null,
      expiresAt: new Date(clock + 3_600_000).toISOString(),
      expired: false,
    });
    expect(JSON.stringify(await list(natalia))).not.toContain(made.token);
  });

  it('shows operators their own tokens and admins all of the account', async () => {
    const own = await create(admin, { name: 'admin export' });
    const nataliaSees = (await list(natalia)).map((t) => t.id);
    const adminSees = (await list(admin)).map((t) => t.id);
    expect(nataliaSees).not.toContain(own.id);
    expect(adminSees).toContain(own.id);
    expect(adminSees).toEqual(expect.arrayContaining(nataliaSees));
    // Natalia cannot revoke the admin's token; it looks like no token at all.
    expect((await call(natalia, 'DELETE', `/api-tokens/${own.id}`)).status).toBe(404);
  });

  it('refuses an expired token', async () => {
    const made = await create(natalia, {
      name: 'short-lived',
      expiresAt: new Date(clock + 60_000).toISOString(),
    });
    expect((await withToken(made.token)).status).toBe(200);
    clock += 61_000;
    expect((await withToken(made.token)).status).toBe(401);
    const [view] = (await list(natalia)).filter((t) => t.id === made.id);
    expect(view!.expired).toBe(true);
  });

  it('refuses an expiry in the past, naming the field', async () => {
    const res = await call(natalia, 'POST', '/api-tokens', {
      name: 'already over',
      expiresAt: new Date(clock - 1000).toISOString(),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('expiresAt');
  });

  it('refuses a revoked token at once, and closes its websockets', async () => {
    const made = await create(natalia, { name: 'to revoke' });
    const socket = await connect(`${server.wsUrl}/api/v1/ws?token=${made.token}`);
    socket.send({ type: 'hello' });
    await socket.waitFor((m) => m.type === 'ready');

    const res = await call(admin, 'DELETE', `/api-tokens/${made.id}`);
    expect(res.status).toBe(204);

    expect((await withToken(made.token)).status).toBe(401);
    expect((await socket.closed).code).toBe(4401);
    expect((await list(admin)).map((t) => t.id)).not.toContain(made.id);
  });

  it('records last use at most once a minute', async () => {
    const made = await create(natalia, { name: 'busy integration' });
    const lastUsed = async () => (await list(natalia)).find((t) => t.id === made.id)!.lastUsedAt;
    const first = clock;
    await withToken(made.token);
    expect(await lastUsed()).toBe(new Date(first).toISOString());

    clock += 30_000;
    await withToken(made.token);
    expect(await lastUsed()).toBe(new Date(first).toISOString());

    clock += 31_000;
    await withToken(made.token);
    expect(await lastUsed()).toBe(new Date(clock).toISOString());
  });
});
