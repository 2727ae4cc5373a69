// The workspace's working day over HTTP and the websocket (issue 15): unread
// counts, private notes and mentions, supervisors' whispers and reassignments
// with a reason. Status and alert switches: operator-status.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { connect, type TestSocket } from '../support/ws-client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const json = { 'content-type': 'application/json' };
type Json = Record<string, unknown>;

async function call(
  headers: Record<string, string>,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function visitorWrites(token: string, text: string) {
  const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify({ text }),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as { conversationId: string; message: { id: string; seq: number } };
}

async function operatorSocket(headers: LoginHeaders): Promise<TestSocket> {
  const socket = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
  socket.send({ type: 'hello' });
  await socket.waitFor((m) => m.type === 'ready');
  return socket;
}

const eventOf =
  (type: string, where: (p: Json) => boolean = () => true) =>
  (m: Json) =>
    m.type === 'event' &&
    (m.event as { type: string }).type === type &&
    where((m.event as { payload: Json }).payload);

async function assignedTo(account: TestAccount, conversationId: string, name: string) {
  const id = account.operator(name).id;
  for (let i = 0; i < 500; i++) {
    const row = await server.sb.services.db
      .selectFrom('conversations')
      .select(['operator_id', 'state'])
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    if (row.state === 'assigned' && row.operator_id === id) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never assigned to ${name}`);
}

type Summary = { conversationId: string; unread: number; readSeq: number; lastMessage: Json };
async function summary(headers: Record<string, string>, id: string): Promise<Summary | undefined> {
  const res = await call(headers, 'GET', `/conversation-summaries?ids=${id}`);
  expect(res.status).toBe(200);
  return (res.body.summaries as Summary[]).find((s) => s.conversationId === id);
}

describe(`unread counts and last messages (${storeName})`, () => {
  it("counts the client's messages after my read position, which survives a new log-in", async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Tatiana', online: true }],
    });
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey, {
      name: 'Olga',
    });
    const first = await visitorWrites(visitor.token, 'Where is my order?');
    const id = first.conversationId;
    await assignedTo(account, id, 'Tatiana');
    await visitorWrites(visitor.token, 'It is order 4417');
    const tatiana = await loginHeaders(server.url, account.operator('Tatiana'));
    const socket = await operatorSocket(tatiana);

    expect(await summary(tatiana, id)).toMatchObject({
      unread: 2,
      readSeq: 0,
      lastMessage: { seq: 2, author: 'contact', authorName: 'Olga', text: 'It is order 4417' },
    });
    const read = await call(tatiana, 'POST', `/conversations/${id}/read`, {
      seq: first.message.seq,
    });
    expect(read).toMatchObject({ status: 200, body: { readSeq: first.message.seq } });
    // My other tabs hear of it and clear their badge.
    await socket.waitFor(eventOf('conversation.read', (p) => p.conversationId === id));
    // The read position only moves forward.
    await call(tatiana, 'POST', `/conversations/${id}/read`, { seq: 0 });

    const again = await loginHeaders(server.url, account.operator('Tatiana'));
    expect(await summary(again, id)).toMatchObject({ unread: 1, readSeq: first.message.seq });

    const sent = await call(again, 'POST', `/conversations/${id}/messages`, {
      text: 'Checking it now',
    });
    expect(sent.status).toBe(201);
    await call(again, 'POST', `/conversations/${id}/read`, { seq: 1_000_000 });
    expect(await summary(again, id)).toMatchObject({
      unread: 0,
      readSeq: 3,
      lastMessage: { seq: 3, author: 'operator', authorName: 'Tatiana', text: 'Checking it now' },
    });
    await socket.close();
  });

  it("leaves out conversations of teams I am not in, and refuses ids that aren't uuids", async () => {
    const account = await buildAccount(server.sb.services, {
      teams: [
        { name: 'Support', mode: 'manual' },
        { name: 'Sales', mode: 'manual' },
      ],
      operators: [{ name: 'Maxim', teams: ['Sales'], online: true }],
      channels: [{ name: 'widget', kind: 'widget', team: 'Support' }],
    });
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const { conversationId } = await visitorWrites(visitor.token, 'Hello');
    const maxim = await loginHeaders(server.url, account.operator('Maxim'));
    expect(await summary(maxim, conversationId)).toBeUndefined();
    const admin = await loginHeaders(server.url, account.admin);
    expect(await summary(admin, conversationId)).toMatchObject({ unread: 1 });
    const bad = await call(maxim, 'GET', '/conversation-summaries?ids=not-a-uuid');
    expect(bad.status).toBe(400);
  });
});

describe(`private notes, mentions and whispers (${storeName})`, () => {
  async function supportDesk() {
    const account = await buildAccount(server.sb.services, {
      teams: [
        { name: 'Support', mode: 'least_loaded' },
        { name: 'Sales', mode: 'least_loaded' },
      ],
      operators: [
        { name: 'Tatiana', teams: ['Support'], online: true },
        { name: 'Ivan', teams: ['Support'] },
        { name: 'Maxim', teams: ['Sales'], online: true },
        { name: 'Natalia', role: 'supervisor' },
      ],
      channels: [{ name: 'widget', kind: 'widget', team: 'Support' }],
    });
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const visitorSocket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(visitor.token)}`,
    );
    visitorSocket.send({ type: 'hello' });
    await visitorSocket.waitFor((m) => m.type === 'ready');
    const { conversationId } = await visitorWrites(visitor.token, 'My parcel is lost');
    await assignedTo(account, conversationId, 'Tatiana');
    const login = (name: string) => loginHeaders(server.url, account.operator(name));
    return { account, visitor, visitorSocket, conversationId, login };
  }

  it('notifies the mentioned operator, who may then open it; the client never sees a note', async () => {
    const { account, visitor, visitorSocket, conversationId: id, login } = await supportDesk();
    const [tatiana, maxim, ivan] = await Promise.all([
      login('Tatiana'),
      login('Maxim'),
      login('Ivan'),
    ]);
    const [maximSocket, ivanSocket] = await Promise.all([
      operatorSocket(maxim),
      operatorSocket(ivan),
    ]);
    // Maxim is in another team: the conversation is not his to see yet.
    expect((await call(maxim, 'GET', `/conversations/${id}`)).status).toBe(404);

    const created = await call(tatiana, 'POST', `/conversations/${id}/notes`, {
      text: '@maxim, the client paid twice — refund one?',
    });
    expect(created.status).toBe(201);
    const note = created.body.note as Json;
    expect(note).toMatchObject({
      authorId: account.operator('Tatiana').id,
      authorName: 'Tatiana',
      mentions: [account.operator('Maxim').id],
    });
    const mention = await maximSocket.waitFor(eventOf('note.mentioned'));
    expect((mention.event as { payload: Json }).payload).toMatchObject({
      operatorId: account.operator('Maxim').id,
      note: { id: note.id },
      conversation: { id },
    });
    expect((await call(maxim, 'GET', `/conversations/${id}`)).status).toBe(200);
    const notes = await call(maxim, 'GET', `/conversations/${id}/notes`);
    expect((notes.body.notes as Json[]).map((n) => n.text)).toEqual([
      '@maxim, the client paid twice — refund one?',
    ]);
    // Maxim answers in a note; Ivan, neither its operator nor mentioned, may not write one.
    expect(
      (await call(maxim, 'POST', `/conversations/${id}/notes`, { text: 'Yes, refund one.' }))
        .status,
    ).toBe(201);
    const refused = await call(ivan, 'POST', `/conversations/${id}/notes`, { text: 'Me too' });
    expect(refused.status).toBe(403);
    expect((refused.body.error as Json).message).toMatch(/^You can write notes only/);
    const empty = await call(tatiana, 'POST', `/conversations/${id}/notes`, { text: '  ' });
    expect(empty).toMatchObject({ status: 400, body: { error: { field: 'text' } } });

    // A later reply is the fence: once the visitor has it, any note would have come before.
    await call(tatiana, 'POST', `/conversations/${id}/messages`, { text: 'Refund is on its way' });
    await visitorSocket.waitFor((m) => JSON.stringify(m).includes('Refund is on its way'));
    const history = await fetch(`${server.url}/api/v1/visitor/conversations/${id}/messages`, {
      headers: { authorization: `Bearer ${visitor.token}` },
    });
    const everythingVisitorGot = JSON.stringify(visitorSocket.received) + (await history.text());
    expect(everythingVisitorGot).not.toMatch(/paid twice|refund one/i);
    expect(everythingVisitorGot).not.toContain('note.');
    // Ivan (same team, not mentioned) hears of neither note.
    expect(JSON.stringify(ivanSocket.received)).not.toContain('note.');
    await Promise.all([maximSocket.close(), ivanSocket.close(), visitorSocket.close()]);
  });

  it('lets a supervisor whisper without taking it, and reassign with a reason the previous operator sees', async () => {
    const { account, visitorSocket, conversationId: id, login } = await supportDesk();
    const [tatiana, natalia] = await Promise.all([login('Tatiana'), login('Natalia')]);
    const tatianaSocket = await operatorSocket(tatiana);
    const whisper = await call(natalia, 'POST', `/conversations/${id}/notes`, {
      text: 'Offer the 10% voucher',
    });
    expect(whisper.status).toBe(201);
    const heard = await tatianaSocket.waitFor(eventOf('note.created'));
    expect((heard.event as { payload: { note: Json } }).payload.note).toMatchObject({
      text: 'Offer the 10% voucher',
      authorName: 'Natalia',
    });
    const row = await call(natalia, 'GET', `/conversations/${id}`);
    expect(row.body.conversation).toMatchObject({
      state: 'assigned',
      operatorId: account.operator('Tatiana').id,
    });

    const moved = await call(natalia, 'POST', `/conversations/${id}/assign`, {
      operatorId: account.operator('Maxim').id,
      reason: 'Maxim handles refunds',
    });
    expect(moved.status).toBe(200);
    const told = await tatianaSocket.waitFor(eventOf('conversation.transferred'));
    expect((told.event as { payload: Json }).payload).toMatchObject({
      fromOperatorId: account.operator('Tatiana').id,
      toOperatorId: account.operator('Maxim').id,
      byOperatorId: account.operator('Natalia').id,
      note: 'Maxim handles refunds',
    });
    const transferred = await visitorSocket.waitFor((m) =>
      JSON.stringify(m).includes('conversation.transferred'),
    );
    expect(JSON.stringify(transferred)).not.toContain('Maxim handles refunds');
    await Promise.all([tatianaSocket.close(), visitorSocket.close()]);
  });
});
