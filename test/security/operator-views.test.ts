// What the operator app needs from the server, and what must stay with staff:
// the contact's name on every conversation view, transfer notes in the
// conversation's history (never shown to the client), and live settings changes.
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
let account: TestAccount;
let admin: LoginHeaders;
let natalia: LoginHeaders;
let ivan: LoginHeaders;

beforeAll(async () => {
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    teams: [{ name: 'Support', mode: 'manual' }],
    operators: [
      { name: 'Natalia', limit: 5, teams: ['Support'], online: true },
      { name: 'Ivan', limit: 5, teams: ['Support'], online: true },
    ],
    channels: [{ name: 'widget', kind: 'widget', team: 'Support' }],
  });
  admin = await loginHeaders(server.url, account.admin);
  natalia = await loginHeaders(server.url, account.operator('Natalia'));
  ivan = await loginHeaders(server.url, account.operator('Ivan'));
});
afterAll(() => server.close());

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const { 'content-type': _type, ...bare } = headers;
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? bare : { ...bare, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function socketOf(headers: LoginHeaders): Promise<TestSocket> {
  const socket = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
  socket.send({ type: 'hello' });
  await socket.waitFor((m) => m.type === 'ready');
  return socket;
}

interface ConversationAnswer {
  conversation: { id: string; contactName: string | null };
  transfers: { note: string | null; fromOperatorId: string | null; toOperatorId: string | null }[];
}

/** Olga writes from the widget; Natalia takes the conversation. */
async function olgaWithNatalia() {
  const olga = await visitorSession(server.url, account.channels.widget!.publicKey, {
    name: 'Olga',
  });
  const sent = await call<{ conversationId: string }>(
    'POST',
    '/visitor/messages',
    { authorization: `Bearer ${olga.token}` },
    { text: 'My parcel is late', clientKey: 'k1' },
  );
  const conversationId = sent.body.conversationId;
  const taken = await call<ConversationAnswer>(
    'POST',
    `/conversations/${conversationId}/take`,
    natalia,
    {},
  );
  expect(taken.status).toBe(200);
  return { olga, conversationId, taken: taken.body.conversation };
}

describe(`operator views (${storeName})`, () => {
  it("carries the contact's name in lists, details, action answers and events", async () => {
    const socket = await socketOf(natalia);
    try {
      const { conversationId, taken } = await olgaWithNatalia();
      expect(taken.contactName).toBe('Olga');
      const detail = await call<ConversationAnswer>(
        'GET',
        `/conversations/${conversationId}`,
        natalia,
      );
      expect(detail.body.conversation.contactName).toBe('Olga');
      const mine = await call<{ conversations: ConversationAnswer['conversation'][] }>(
        'GET',
        '/conversations?mine=true',
        natalia,
      );
      expect(mine.body.conversations.find((c) => c.id === conversationId)?.contactName).toBe(
        'Olga',
      );
      const assigned = await socket.waitFor(
        (m) =>
          m.type === 'event' &&
          (m.event as { type: string }).type === 'conversation.assigned' &&
          JSON.stringify(m).includes(conversationId),
      );
      expect(
        (assigned.event as { payload: { conversation: { contactName: string } } }).payload
          .conversation.contactName,
      ).toBe('Olga');
    } finally {
      await socket.close();
    }
  });

  it("keeps a transfer's note in the history for operators and never shows it to the client", async () => {
    const { olga, conversationId } = await olgaWithNatalia();
    const visitorSocket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(olga.token)}`,
    );
    try {
      visitorSocket.send({ type: 'hello' });
      await visitorSocket.waitFor((m) => m.type === 'ready');
      const note = 'Wants a refund; order 4411 was checked already';
      const moved = await call('POST', `/conversations/${conversationId}/transfer`, natalia, {
        toOperatorId: account.operator('Ivan').id,
        note,
      });
      expect(moved.status).toBe(200);

      const detail = await call<ConversationAnswer>(
        'GET',
        `/conversations/${conversationId}`,
        ivan,
      );
      expect(detail.body.transfers).toEqual([
        expect.objectContaining({
          note,
          fromOperatorId: account.operator('Natalia').id,
          toOperatorId: account.operator('Ivan').id,
        }),
      ]);

      // The client sees that the conversation moved, not why.
      await visitorSocket.waitFor(
        (m) =>
          m.type === 'event' && (m.event as { type: string }).type === 'conversation.transferred',
      );
      const history = await call<{ messages: { text: string }[] }>(
        'GET',
        `/visitor/conversations/${conversationId}/messages`,
        { authorization: `Bearer ${olga.token}` },
      );
      expect(JSON.stringify(history.body)).not.toContain('refund');
      expect(JSON.stringify(visitorSocket.received)).not.toContain('refund');
    } finally {
      await visitorSocket.close();
    }
  });

  it('tells open operator apps about account and channel settings changes, and not visitors', async () => {
    const operatorSocket = await socketOf(ivan);
    const { olga } = await olgaWithNatalia();
    const visitorSocket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(olga.token)}`,
    );
    try {
      visitorSocket.send({ type: 'hello' });
      await visitorSocket.waitFor((m) => m.type === 'ready');
      const patched = await call('PATCH', '/account', admin, {
        settings: { sla: { yellowMs: 15_000, redMs: 45_000 } },
      });
      expect(patched.status).toBe(200);
      const accountEvent = await operatorSocket.waitFor(
        (m) => m.type === 'event' && (m.event as { type: string }).type === 'account.updated',
      );
      expect(accountEvent.event).toMatchObject({
        payload: { account: { settings: { sla: { yellowMs: 15_000, redMs: 45_000 } } } },
      });

      const channel = await call('PATCH', `/channels/${account.channels.widget!.id}`, admin, {
        settings: { sla: { redMs: 90_000 } },
      });
      expect(channel.status).toBe(200);
      const channelEvent = await operatorSocket.waitFor(
        (m) => m.type === 'event' && (m.event as { type: string }).type === 'channel.updated',
      );
      expect(channelEvent.event).toMatchObject({
        payload: {
          channel: { id: account.channels.widget!.id, settings: { sla: { redMs: 90_000 } } },
        },
      });

      // A marker in the visitor's own conversation comes after both changes.
      await call(
        'POST',
        '/visitor/messages',
        { authorization: `Bearer ${olga.token}` },
        { text: 'marker', clientKey: 'k2' },
      );
      await visitorSocket.waitFor((m) => JSON.stringify(m).includes('marker'));
      const seen = JSON.stringify(visitorSocket.received);
      expect(seen).not.toContain('account.updated');
      expect(seen).not.toContain('channel.updated');
    } finally {
      await visitorSocket.close();
      await operatorSocket.close();
    }
  });
});
