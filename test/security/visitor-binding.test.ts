// A visitor token is bound to (account, channel, contact). The same contact may
// also write on another channel (contacts are merged across channels), and a
// widget token must never open those conversations — over HTTP, uploads or the
// websocket — nor another contact's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform, type Scope } from '../../src/actions/context.js';
import { receiveContactMessage } from '../../src/actions/messages/receive-contact-message.js';
import { sendMessage } from '../../src/actions/messages/send-message.js';
import { storeUpload } from '../../src/actions/uploads/store-upload.js';
import { signVisitorToken } from '../../src/http/visitor-token.js';
import {
  buildAccount,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { connect } from '../support/ws-client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface World {
  account: TestAccount;
  /** The contact's token on channel A. */
  token: string;
  contactId: string;
  /** The contact's conversation on channel A, and the same contact's on channel B. */
  onA: string;
  onB: string;
  asContactOnB: Scope;
}

async function world(): Promise<World> {
  const account = await buildAccount(server.sb.services, {
    channels: [
      { name: 'A', kind: 'widget' },
      { name: 'B', kind: 'widget' },
    ],
  });
  const visitor = await visitorSession(server.url, account.channels.A!.publicKey);
  const onA = await visitorSays(visitor.token, 'hello on A', 'a1');
  // The same contact on channel B, as after a merge of identities.
  const asContactOnB: Scope = {
    accountId: account.accountId,
    actor: { kind: 'contact', id: visitor.contactId, channelId: account.channels.B!.id },
  };
  const { result } = await perform(server.sb.services, asContactOnB, (ctx) =>
    receiveContactMessage(ctx, {
      channelId: account.channels.B!.id,
      contactId: visitor.contactId,
      text: 'secret on B',
      clientKey: 'b1',
    }),
  );
  expect(result.conversationId).not.toBe(onA);
  return {
    account,
    token: visitor.token,
    contactId: visitor.contactId,
    onA,
    onB: result.conversationId,
    asContactOnB,
  };
}

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function visitorSays(token: string, text: string, clientKey: string): Promise<string> {
  const sent = await call('POST', '/visitor/messages', token, { text, clientKey });
  expect(sent.status).toBe(201);
  return sent.body.conversationId as string;
}

describe(`visitor tokens are bound to their channel and contact (${storeName})`, () => {
  it("lists and reads only the token's channel's conversations", async () => {
    const w = await world();
    const list = await call('GET', '/visitor/conversations', w.token);
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toEqual([w.onA]);

    const onB = await call('GET', `/visitor/conversations/${w.onB}/messages`, w.token);
    expect(onB.status).toBe(404);
    expect(onB.body.error.code).toBe('not_found');
    const onA = await call('GET', `/visitor/conversations/${w.onA}/messages`, w.token);
    const fromContact = (onA.body.messages as { author: string; text: string }[]).filter(
      (m) => m.author === 'contact',
    );
    expect(fromContact.map((m) => m.text)).toEqual(['hello on A']);
  });

  it("cannot rate, close or write into the same contact's conversation on another channel", async () => {
    const w = await world();
    const rate = await call('POST', `/visitor/conversations/${w.onB}/rating`, w.token, {
      rating: 'dislike',
    });
    expect(rate.status).toBe(404);
    const close = await call('POST', `/visitor/conversations/${w.onB}/close`, w.token);
    expect(close.status).toBe(404);
    // A new message goes to the channel A conversation, never to B's.
    expect(await visitorSays(w.token, 'again', 'a2')).toBe(w.onA);

    const b = await server.sb.services.db
      .selectFrom('conversations')
      .select(['state', 'rating'])
      .where('id', '=', w.onB)
      .executeTakeFirstOrThrow();
    expect(b).toEqual({ state: 'queued', rating: null });
  });

  it("refuses in the actions too: a contact acting on channel A cannot write into B's conversation", async () => {
    const w = await world();
    const asContactOnA: Scope = {
      accountId: w.account.accountId,
      actor: { kind: 'contact', id: w.contactId, channelId: w.account.channels.A!.id },
    };
    await expect(
      perform(server.sb.services, asContactOnA, (ctx) =>
        sendMessage(ctx, { conversationId: w.onB, text: 'sneaky', clientKey: 's1' }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it("refuses another contact's conversation on the same channel", async () => {
    const w = await world();
    const other = await visitorSession(server.url, w.account.channels.A!.publicKey);
    const read = await call('GET', `/visitor/conversations/${w.onA}/messages`, other.token);
    expect(read.status).toBe(404);
    const close = await call('POST', `/visitor/conversations/${w.onA}/close`, other.token);
    expect(close.status).toBe(404);
  });

  it("serves a file only to the channel's token it was uploaded or sent on", async () => {
    const w = await world();
    const { result: file } = await perform(server.sb.services, w.asContactOnB, (ctx) =>
      storeUpload(ctx, {
        name: 'passport.pdf',
        contentType: 'application/pdf',
        bytes: Buffer.from('%PDF-1.4 secret'),
        dataDir: server.sb.config.dataDir,
        maxBytes: 1024,
      }),
    );
    await perform(server.sb.services, w.asContactOnB, (ctx) =>
      sendMessage(ctx, { conversationId: w.onB, text: '', attachments: [file], clientKey: 'f' }),
    );
    const onA = await call('GET', `/uploads/${file.id}`, w.token);
    expect(onA.status).toBe(404);

    const tokenOnB = signVisitorToken(
      server.sb.config.secrets.current(),
      {
        accountId: w.account.accountId,
        channelId: w.account.channels.B!.id,
        contactId: w.contactId,
        visitorId: 'visitor-on-b',
      },
      { issuedAt: new Date(), seenAt: new Date() },
    );
    const onB = await fetch(`${server.url}/api/v1/uploads/${file.id}`, {
      headers: { authorization: `Bearer ${tokenOnB}` },
    });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toBe('%PDF-1.4 secret');
  });

  it("the websocket neither resumes nor streams the other channel's conversations", async () => {
    const w = await world();
    const socket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(w.token)}`,
    );
    try {
      socket.send({ type: 'hello', lastEventId: 0 });
      await socket.waitFor((m) => m.type === 'ready');
      const resumed = socket.events().map((e) => (e as { conversationId?: string }).conversationId);
      expect(resumed).toContain(w.onA);
      expect(resumed).not.toContain(w.onB);

      // Live: a message on B, then a new conversation of the contact on B; the
      // marker on A comes after both, so once it is here they would have been too.
      await perform(server.sb.services, w.asContactOnB, (ctx) =>
        sendMessage(ctx, { conversationId: w.onB, text: 'live on B', clientKey: 'b2' }),
      );
      await server.sb.services.db
        .updateTable('conversations')
        .set({ state: 'closed', closed_at: new Date() })
        .where('id', '=', w.onB)
        .execute();
      const { result: again } = await perform(server.sb.services, w.asContactOnB, (ctx) =>
        receiveContactMessage(ctx, {
          channelId: w.account.channels.B!.id,
          contactId: w.contactId,
          text: 'new on B',
          clientKey: 'b3',
        }),
      );
      expect(again.conversationCreated).toBe(true);
      await visitorSays(w.token, 'marker on A', 'a3');
      await socket.waitFor((m) => JSON.stringify(m).includes('marker on A'));
      const seen = JSON.stringify(socket.received);
      expect(seen).not.toContain('on B');
      expect(seen).not.toContain(again.conversationId);
    } finally {
      await socket.close();
    }
  });
});
