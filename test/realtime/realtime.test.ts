import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../../src/events/bus.js';
import {
  buildAccount,
  loginHeaders,
  openTestStore,
  redisUrl,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { connect } from '../support/ws-client.js';

let server: TestServer;
let account: TestAccount;

beforeAll(async () => {
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Natalia', role: 'supervisor', online: true }],
  });
});
afterAll(() => server.close());

const json = { 'content-type': 'application/json' };

async function visitorWrites(token: string, text: string, clientKey: string) {
  const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify({ text, clientKey }),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as { conversationId: string; message: { id: string; seq: number } };
}

describe(`websocket delivery and resume (${storeName})`, () => {
  it('replays every event missed while disconnected exactly once, in order', async () => {
    const headers = await loginHeaders(server.url, account.operator('Natalia'));
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const op = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
    op.send({ type: 'hello' });
    await op.waitFor((m) => m.type === 'ready');
    const first = await visitorWrites(visitor.token, 'one', 'k1');
    await op.waitFor(
      (m) => m.type === 'event' && (m.event as { type: string }).type === 'message.created',
    );
    const lastSeen = Math.max(...op.events().map((e) => e.id));
    op.kill();
    for (let i = 2; i <= 6; i++) await visitorWrites(visitor.token, `message ${i}`, `k${i}`);
    const again = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
    again.send({ type: 'hello', lastEventId: lastSeen });
    await again.waitFor((m) => m.type === 'ready');
    await visitorWrites(visitor.token, 'live after resume', 'k7');
    await again.waitFor(
      (m) => m.type === 'event' && JSON.stringify(m).includes('live after resume'),
    );
    const texts = again
      .events()
      .filter(
        (e) =>
          e.type === 'message.created' &&
          (e.payload.message as { conversationId: string }).conversationId === first.conversationId,
      )
      .map((e) => (e.payload.message as { text: string }).text);
    expect(texts).toEqual([
      'message 2',
      'message 3',
      'message 4',
      'message 5',
      'message 6',
      'live after resume',
    ]);
    const ids = again.events().map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    await again.close();
  });

  it('tells a client that was away too long to resync', async () => {
    const headers = await loginHeaders(server.url, account.operator('Natalia'));
    const op = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
    op.send({ type: 'hello', lastEventId: 0 });
    const answer = await op.waitFor((m) => m.type === 'ready' || m.type === 'resync');
    // A brand-new account has fewer events than the resume window: it resumes.
    expect(answer.type).toBe('ready');
    await op.close();
  });

  it('tells a client whose event id is newer than any of the account to resync', async () => {
    const headers = await loginHeaders(server.url, account.operator('Natalia'));
    const op = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
    op.send({ type: 'hello', lastEventId: 1e12 });
    const answer = await op.waitFor((m) => m.type === 'ready' || m.type === 'resync');
    expect(answer.type).toBe('resync');
    const ready = await op.waitFor((m) => m.type === 'ready');
    expect(ready.lastEventId).toBe(answer.lastEventId);
    expect(ready.lastEventId).toBeLessThan(1e12);
    // Live events flow again from the account's own ids.
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    await visitorWrites(visitor.token, 'after a restored database', 'restored');
    await op.waitFor(
      (m) => m.type === 'event' && JSON.stringify(m).includes('after a restored database'),
    );
    await op.close();
  });

  it("streams a visitor's conversation that opens while their socket says hello", async () => {
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const services = server.sb.services;
    const db = services.db;
    // The visitor's first message commits right after the gateway's first read
    // for this hello (events or conversations), before its second.
    let armed = true;
    services.db = afterFirstRead(db, ['events', 'conversations'], async () => {
      armed = false;
      await visitorWrites(visitor.token, 'written during hello', 'race');
    });
    try {
      const socket = await connect(
        `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(visitor.token)}`,
      );
      socket.send({ type: 'hello' });
      await socket.waitFor((m) => m.type === 'ready');
      expect(armed).toBe(false);
      // The operator's reply must reach the visitor live.
      const { conversationId } = await db
        .selectFrom('conversations')
        .select('id as conversationId')
        .where('contact_id', '=', visitor.contactId)
        .executeTakeFirstOrThrow();
      const headers = await loginHeaders(server.url, account.operator('Natalia'));
      await fetch(`${server.url}/api/v1/conversations/${conversationId}/take`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      const res = await fetch(`${server.url}/api/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'answer during hello', clientKey: 'answer' }),
      });
      expect(res.status).toBe(201);
      await socket.waitFor(
        (m) => m.type === 'event' && JSON.stringify(m).includes('answer during hello'),
      );
      await socket.close();
    } finally {
      services.db = db;
    }
  });

  it('acknowledges a websocket send after commit and answers a retry with the original', async () => {
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const socket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(visitor.token)}`,
    );
    socket.send({ type: 'hello' });
    await socket.waitFor((m) => m.type === 'ready');
    socket.send({ type: 'send', text: 'Where is my order?', clientKey: 'same' });
    const ack = await socket.waitFor((m) => m.type === 'ack');
    socket.send({ type: 'send', text: 'Where is my order?', clientKey: 'same' });
    const retry = await socket.waitFor((m) => m.type === 'ack' && m.duplicate === true);
    expect((retry.message as { id: string }).id).toBe((ack.message as { id: string }).id);
    const stored = await server.sb.store.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', ack.conversationId as string)
      .where('author_kind', '=', 'contact')
      .execute();
    expect(stored).toHaveLength(1);
    await socket.close();
  });

  it('shows the client only their own conversation and never the operator-side draft', async () => {
    const a = await visitorSession(server.url, account.channels.widget!.publicKey);
    const b = await visitorSession(server.url, account.channels.widget!.publicKey);
    const sa = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(a.token)}`,
    );
    sa.send({ type: 'hello' });
    await sa.waitFor((m) => m.type === 'ready');
    await visitorWrites(a.token, 'mine', 'a1');
    await visitorWrites(b.token, 'secret of b', 'b1');
    await sa.waitFor((m) => m.type === 'event' && JSON.stringify(m).includes('mine'));
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(sa.received)).not.toContain('secret of b');
    expect(sa.events().every((e) => e.type !== 'conversation.queued')).toBe(true);
    await sa.close();
  });

  it("sends an operator their own conversations and their team's queue, not colleagues' dialogs", async () => {
    const team = await buildAccount(server.sb.services, {
      teams: [
        { name: 'Sales', mode: 'manual' },
        { name: 'Support', mode: 'manual' },
      ],
      operators: [
        { name: 'Ivan', teams: ['Support'], online: true },
        { name: 'Maxim', teams: ['Sales', 'Support'], online: true },
      ],
      channels: [
        { name: 'widget', team: 'Support' },
        { name: 'sales', team: 'Sales' },
      ],
    });
    const ivan = await connect(`${server.wsUrl}/api/v1/ws`, {
      cookie: (await loginHeaders(server.url, team.operator('Ivan'))).cookie,
    });
    ivan.send({ type: 'hello' });
    await ivan.waitFor((m) => m.type === 'ready');
    const support = await visitorSession(server.url, team.channels.widget!.publicKey);
    const sales = await visitorSession(server.url, team.channels.sales!.publicKey);
    const waiting = await visitorWrites(support.token, 'support question', 's1');
    await visitorWrites(sales.token, 'sales question', 's2');
    await ivan.waitFor(
      (m) =>
        m.type === 'event' &&
        (m.event as { type: string; conversationId: string }).conversationId ===
          waiting.conversationId,
    );
    const maxim = await loginHeaders(server.url, team.operator('Maxim'));
    const take = await fetch(`${server.url}/api/v1/conversations/${waiting.conversationId}/take`, {
      method: 'POST',
      headers: { cookie: maxim.cookie, 'x-csrf-token': maxim['x-csrf-token'] },
    });
    expect(take.status).toBe(200);
    await ivan.waitFor(
      (m) => m.type === 'event' && (m.event as { type: string }).type === 'conversation.assigned',
    );
    await visitorWrites(support.token, 'now private to Maxim', 's3');
    // The client's live draft reaches Maxim, whose conversation it is, and not Ivan.
    const maximSocket = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: maxim.cookie });
    maximSocket.send({ type: 'hello' });
    await maximSocket.waitFor((m) => m.type === 'ready');
    const client = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(support.token)}`,
    );
    client.send({ type: 'hello' });
    await client.waitFor((m) => m.type === 'ready');
    client.send({
      type: 'typing',
      conversationId: waiting.conversationId,
      draft: 'draft only Maxim may read',
    });
    await maximSocket.waitFor(
      (m) => m.type === 'typing' && m.draft === 'draft only Maxim may read',
    );
    await new Promise((r) => setTimeout(r, 300));
    const seen = JSON.stringify(ivan.received);
    expect(seen).not.toContain('sales question');
    expect(seen).not.toContain('support question');
    expect(seen).not.toContain('now private to Maxim');
    expect(seen).not.toContain('draft only Maxim may read');
    await Promise.all([ivan.close(), maximSocket.close(), client.close()]);
  });

  it('delivers an event committed on one node to sockets on another node', async () => {
    const store = await openTestStore();
    // Without Redis the two nodes share an in-process bus; with Redis each has its own connection.
    const sharedBus = redisUrl ? undefined : createMemoryBus();
    const nodeA = await startTestServer({ store, ...(sharedBus ? { bus: sharedBus } : {}) });
    const nodeB = await startTestServer({ store, ...(sharedBus ? { bus: sharedBus } : {}) });
    try {
      const headers = await loginHeaders(nodeB.url, account.operator('Natalia'));
      const op = await connect(`${nodeB.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
      op.send({ type: 'hello' });
      await op.waitFor((m) => m.type === 'ready');
      const visitor = await visitorSession(nodeA.url, account.channels.widget!.publicKey);
      const res = await fetch(`${nodeA.url}/api/v1/visitor/messages`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${visitor.token}` },
        body: JSON.stringify({ text: 'from node A', clientKey: 'x' }),
      });
      expect(res.status).toBe(201);
      await op.waitFor((m) => m.type === 'event' && JSON.stringify(m).includes('from node A'));
      await op.close();
    } finally {
      await nodeA.close();
      await nodeB.close();
      await store.close();
    }
  });
});

/**
 * `db`, but the first select from one of `tables` runs `hook` after its result
 * is back (its connection released) and before the caller sees it.
 */
function afterFirstRead<T extends object>(db: T, tables: string[], hook: () => Promise<void>): T {
  let fired = false;
  const wrap = <O extends object>(target: O, watched: boolean): O =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const out = value.apply(obj, args);
          if (watched && String(key).startsWith('execute') && !fired) {
            fired = true;
            return (out as Promise<unknown>).then(async (result) => {
              await hook();
              return result;
            });
          }
          const watch = watched || (key === 'selectFrom' && tables.includes(String(args[0])));
          return watch && out && typeof out === 'object' ? wrap(out, true) : out;
        };
      },
    });
  return wrap(db, false);
}
