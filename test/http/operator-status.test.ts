// The status an operator chose survives log-ins (and a new operator starts as
// the account says); alert switches are kept on the operator (issue 15).
// A file of its own: log-ins are rate-limited per server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform } from '../../src/actions/context.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  storeName,
  type TestServer,
} from '../support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Json = Record<string, unknown>;

async function call(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe(`operator status and alert switches (${storeName})`, () => {
  it('restores the status I last chose at my next log-in, not what a dropped connection left', async () => {
    const account = await buildAccount(server.sb.services, { operators: [{ name: 'Tatiana' }] });
    const me = account.operator('Tatiana');
    const first = await loginHeaders(server.url, me);
    const status = (h: Record<string, string>) =>
      call(h, 'GET', '/me').then((r) => (r.body.operator as Json).status);
    expect(await status(first)).toBe('offline');
    await call(first, 'PUT', `/operators/${me.id}/status`, { status: 'away' });
    // The connection dropped past its grace period: the system sets me offline.
    await perform(server.sb.services, account.system, (ctx) =>
      setOperatorStatus(ctx, { operatorId: me.id, status: 'offline' }),
    );
    expect(await status(first)).toBe('offline');
    const next = await loginHeaders(server.url, me);
    expect(await status(next)).toBe('away');
  });

  it('puts a new operator online at the first log-in when the account says so', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Ivan' }, { name: 'Maxim' }],
    });
    const admin = await loginHeaders(server.url, account.admin);
    const ivan = await loginHeaders(server.url, account.operator('Ivan'));
    expect(((await call(ivan, 'GET', '/me')).body.operator as Json).status).toBe('offline');
    const patched = await call(admin, 'PATCH', '/account', {
      settings: { newOperatorsOnline: true },
    });
    expect(patched.status).toBe(200);
    const maxim = await loginHeaders(server.url, account.operator('Maxim'));
    expect(((await call(maxim, 'GET', '/me')).body.operator as Json).status).toBe('online');
    // Ivan logged in before: the account's default is for first log-ins only.
    const ivanAgain = await loginHeaders(server.url, account.operator('Ivan'));
    expect(((await call(ivanAgain, 'GET', '/me')).body.operator as Json).status).toBe('offline');
  });

  it('keeps my alert switches on my account, all on until I switch one off', async () => {
    const account = await buildAccount(server.sb.services, { operators: [{ name: 'Tatiana' }] });
    const h = await loginHeaders(server.url, account.operator('Tatiana'));
    expect((await call(h, 'GET', '/me')).body.alerts).toEqual({
      sound: true,
      desktop: true,
      assigned: true,
      messages: true,
      queue: true,
      mentions: true,
    });
    const put = await call(h, 'PUT', '/me/alerts', { queue: false, sound: false });
    expect(put.status).toBe(200);
    const again = await loginHeaders(server.url, account.operator('Tatiana'));
    expect((await call(again, 'GET', '/me')).body.alerts).toMatchObject({
      queue: false,
      sound: false,
      messages: true,
    });
    expect((await call(h, 'PUT', '/me/alerts', { ring: true })).status).toBe(400);
  });
});
