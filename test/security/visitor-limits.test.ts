// The anonymous side's budgets hold however a visitor talks to us: session
// starts per address even with a visitor token in hand, and one message budget
// per visitor and one per address, spent together over HTTP and the websocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVisitorLimits } from '../../src/http/visitor-limits.js';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';
import { connect, type TestSocket } from '../support/ws-client.js';

let server: TestServer;
let account: TestAccount;
beforeAll(async () => {
  // Small message budgets so the tests stay short; the session budget is the default.
  server = await startTestServer({
    config: { trustProxy: true, visitorMessagesPerVisitor: 3, visitorMessagesPerAddress: 5 },
  });
  account = await buildAccount(server.sb.services);
});
afterAll(() => server.close());

const key = () => account.channels.widget!.publicKey;

async function startSession(address: string, token?: string) {
  return fetch(`${server.url}/api/v1/widget/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': address,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ channelKey: key(), ...(token ? { token } : {}) }),
  });
}

async function newVisitor(address: string) {
  const res = await startSession(address);
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

let sent = 0;
function sendOverHttp(token: string, address: string) {
  return fetch(`${server.url}/api/v1/visitor/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-forwarded-for': address,
    },
    body: JSON.stringify({ text: 'hello', clientKey: `http-${++sent}` }),
  });
}

async function visitorSocket(token: string, address: string) {
  const socket = await connect(
    `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(token)}`,
    { 'x-forwarded-for': address },
  );
  socket.send({ type: 'hello' });
  await socket.waitFor((m) => m.type === 'ready');
  return socket;
}

/** Sends over the socket and returns the ack or error frame for it. */
async function sendOverSocket(socket: TestSocket) {
  const clientKey = `ws-${++sent}`;
  socket.send({ type: 'send', text: 'hello', clientKey });
  return socket.waitFor(
    (m) => (m.type === 'ack' || m.type === 'error') && m.clientKey === clientKey,
    15_000,
  );
}

describe('visitor session starts', () => {
  it('are limited per address even when the visitor sends their token', async () => {
    const address = '10.20.0.1';
    const token = await newVisitor(address);
    for (let i = 1; i < 30; i++) expect((await startSession(address, token)).status).toBe(200);

    const over = await startSession(address, token);
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Another address has its own budget.
    expect((await startSession('10.20.0.2', token)).status).toBe(200);
  });
});

describe('visitor messages', () => {
  it('share one budget per visitor over HTTP and the websocket; over it the socket gets an error frame and stays', async () => {
    const address = '10.21.0.1';
    const token = await newVisitor(address);
    const socket = await visitorSocket(token, address);

    expect((await sendOverHttp(token, address)).status).toBe(201);
    expect((await sendOverSocket(socket)).type).toBe('ack');
    expect((await sendOverHttp(token, address)).status).toBe(201);

    const refused = await sendOverSocket(socket);
    expect(refused).toMatchObject({ type: 'error', error: { code: 'rate_limited' } });
    expect((await sendOverHttp(token, address)).status).toBe(429);
    // The socket is still there.
    socket.send({ type: 'ping' });
    await socket.waitFor((m) => m.type === 'pong');
    await socket.close();
  });

  it('share one budget per address across visitors', async () => {
    const address = '10.22.0.1';
    const first = await newVisitor(address);
    const second = await newVisitor(address);
    const socket = await visitorSocket(second, address);
    for (let i = 0; i < 3; i++) expect((await sendOverHttp(first, address)).status).toBe(201);
    expect((await sendOverSocket(socket)).type).toBe('ack');
    expect((await sendOverHttp(second, address)).status).toBe(201);

    // Five from this address: the second visitor has budget left, the address has not.
    expect(await sendOverSocket(socket)).toMatchObject({ error: { code: 'rate_limited' } });
    const elsewhere = await newVisitor('10.22.0.2');
    expect((await sendOverHttp(elsewhere, '10.22.0.2')).status).toBe(201);
    await socket.close();
  });
});

describe('the budget counter', () => {
  it('starts afresh each minute and refuses without counting', () => {
    const limits = createVisitorLimits({
      sessionsPerAddress: 1,
      messagesPerVisitor: 2,
      messagesPerAddress: 3,
    });
    const t = 1_000_000;
    expect(limits.message('v1', 'a', t)).toBe(true);
    expect(limits.message('v1', 'a', t)).toBe(true);
    expect(limits.message('v1', 'a', t)).toBe(false);
    // v1's refused message did not spend the address's budget.
    expect(limits.message('v2', 'a', t)).toBe(true);
    expect(limits.message('v2', 'a', t)).toBe(false);
    expect(limits.session('a', t)).toBe(true);
    expect(limits.session('a', t)).toBe(false);
    expect(limits.message('v1', 'a', t + 60_000)).toBe(true);
    expect(limits.session('a', t + 60_000)).toBe(true);
  });

  it('treats 0 as no limit', () => {
    const limits = createVisitorLimits({
      sessionsPerAddress: 0,
      messagesPerVisitor: 0,
      messagesPerAddress: 0,
    });
    for (let i = 0; i < 1000; i++) expect(limits.message('v', 'a', 0)).toBe(true);
  });
});
