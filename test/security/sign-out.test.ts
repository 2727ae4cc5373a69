// Ending access ends it everywhere at once: logging out, deactivating an
// operator or changing their password closes their open websockets on every
// node (a socket is authenticated only at its upgrade), and deactivation and a
// new password end their other sessions and (deactivation) their API tokens.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  openTestStore,
  redisUrl,
  startTestServer,
  type TestAccount,
  type TestOperator,
  type TestServer,
} from '../support/harness.js';
import { connect, type TestSocket } from '../support/ws-client.js';

const BEHIND_PROXY = { trustProxy: true } as const;
let nodeA: TestServer;
let nodeB: TestServer;

beforeAll(async () => {
  nodeA = await startTestServer({ config: BEHIND_PROXY });
  const store = await openTestStore();
  // Without Redis the two nodes share an in-process bus; with Redis each has its own connection.
  nodeB = await startTestServer({
    store,
    config: BEHIND_PROXY,
    ...(redisUrl ? {} : { bus: nodeA.sb.bus }),
  });
});
afterAll(async () => {
  await nodeB.close();
  if (nodeB.sb.store !== nodeA.sb.store) await nodeB.sb.store.close();
  await nodeA.close();
});

interface Session {
  cookie: string;
  csrf: string;
}

/** Logs in from an address of its own (the log-in route is rate-limited per address). */
async function logIn(url: string, op: TestOperator): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() },
    body: JSON.stringify({ email: op.email, password: op.password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

let addresses = 0;
const freshAddress = () => `10.7.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

function call(url: string, s: Session, method: string, path: string, body?: unknown) {
  return fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function openSocket(server: TestServer, headers: Record<string, string>) {
  const socket = await connect(`${server.wsUrl}/api/v1/ws`, headers);
  socket.send({ type: 'hello' });
  await socket.waitFor((m) => m.type === 'ready');
  return socket;
}

/** Still open: a ping is answered. */
async function stillOpen(socket: TestSocket) {
  const before = socket.received.filter((m) => m.type === 'pong').length;
  socket.send({ type: 'ping' });
  await socket.waitFor(
    (m) => m.type === 'pong' && socket.received.filter((x) => x.type === 'pong').length > before,
  );
}

describe('signing out closes websockets', () => {
  let account: TestAccount;
  beforeAll(async () => {
    account = await buildAccount(nodeA.sb.services, {
      operators: [{ name: 'Natalia' }, { name: 'Tatiana' }, { name: 'Maxim' }],
    });
  });

  it("logging out closes that session's sockets on every node, not the operator's other sessions", async () => {
    const natalia = account.operator('Natalia');
    const phone = await logIn(nodeA.url, natalia);
    const laptop = await logIn(nodeB.url, natalia);
    const phoneOnB = await openSocket(nodeB, { cookie: phone.cookie });
    const laptopOnA = await openSocket(nodeA, { cookie: laptop.cookie });

    expect((await call(nodeA.url, phone, 'POST', '/auth/logout')).status).toBe(200);

    expect((await phoneOnB.closed).code).toBe(4401);
    await stillOpen(laptopOnA);
    expect((await call(nodeA.url, laptop, 'GET', '/me')).status).toBe(200);
    await laptopOnA.close();
  });

  it('deactivating an operator closes all their sockets, sessions and API tokens, and refuses log-in', async () => {
    const tatiana = account.operator('Tatiana');
    const own = await logIn(nodeB.url, tatiana);
    const tokenRes = await call(nodeB.url, own, 'POST', '/api-tokens', { name: 'crm' });
    const { token } = (await tokenRes.json()) as { token: string };
    const byCookie = await openSocket(nodeB, { cookie: own.cookie });
    const byToken = await openSocket(nodeA, { authorization: `Bearer ${token}` });
    const admin = await logIn(nodeA.url, account.admin);

    const res = await call(nodeA.url, admin, 'PATCH', `/operators/${tatiana.id}`, {
      active: false,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { active: boolean }).active).toBe(false);

    expect((await byCookie.closed).code).toBe(4401);
    expect((await byToken.closed).code).toBe(4401);
    expect((await call(nodeB.url, own, 'GET', '/me')).status).toBe(401);
    const withToken = await fetch(`${nodeA.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withToken.status).toBe(401);
    const login = await fetch(`${nodeA.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() },
      body: JSON.stringify({ email: tatiana.email, password: tatiana.password }),
    });
    expect(login.status).toBe(401);
    // Nobody can put a deactivated operator back online to receive conversations.
    const online = await call(nodeA.url, admin, 'PUT', `/operators/${tatiana.id}/status`, {
      status: 'online',
    });
    expect(online.status).toBe(409);

    // Reactivated, they log in again.
    const back = await call(nodeA.url, admin, 'PATCH', `/operators/${tatiana.id}`, {
      active: true,
    });
    expect(back.status).toBe(200);
    await logIn(nodeB.url, tatiana);
  });

  it('an admin cannot deactivate themselves or the last admin', async () => {
    const admin = await logIn(nodeA.url, account.admin);
    const res = await call(nodeA.url, admin, 'PATCH', `/operators/${account.admin.id}`, {
      active: false,
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('active');
  });

  it("an admin's new password for an operator ends every session of theirs", async () => {
    const maxim = account.operator('Maxim');
    const session = await logIn(nodeA.url, maxim);
    const socket = await openSocket(nodeB, { cookie: session.cookie });
    const admin = await logIn(nodeB.url, account.admin);
    const password = `new-${randomUUID()}`;

    const res = await call(nodeB.url, admin, 'PATCH', `/operators/${maxim.id}`, { password });
    expect(res.status).toBe(200);

    expect((await socket.closed).code).toBe(4401);
    expect((await call(nodeA.url, session, 'GET', '/me')).status).toBe(401);
    await logIn(nodeA.url, { ...maxim, password });
    maxim.password = password;
  });

  it('changing your own password keeps this session and ends the others', async () => {
    const natalia = account.operator('Natalia');
    const here = await logIn(nodeA.url, natalia);
    const elsewhere = await logIn(nodeB.url, natalia);
    const hereSocket = await openSocket(nodeA, { cookie: here.cookie });
    const elsewhereSocket = await openSocket(nodeA, { cookie: elsewhere.cookie });
    const password = `mine-${randomUUID()}`;

    const wrong = await call(nodeA.url, here, 'PUT', '/me/password', {
      currentPassword: 'not my password',
      password,
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { field: string } }).error.field).toBe(
      'currentPassword',
    );

    const res = await call(nodeA.url, here, 'PUT', '/me/password', {
      currentPassword: natalia.password,
      password,
    });
    expect(res.status).toBe(200);

    expect((await elsewhereSocket.closed).code).toBe(4401);
    expect((await call(nodeB.url, elsewhere, 'GET', '/me')).status).toBe(401);
    await stillOpen(hereSocket);
    expect((await call(nodeA.url, here, 'GET', '/me')).status).toBe(200);
    await hereSocket.close();
    natalia.password = password;
  });
});
