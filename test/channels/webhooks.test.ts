import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, storeName, type TestServer, visitorSession } from '../support/harness.js';
import { sign } from './support/api-client.js';
import { deliveriesOf, startChannelServer, tokenHeaders, waitFor } from './support/channels.js';
import { type HttpSink, startHttpSink } from './support/http-sink.js';

let server: TestServer;
let sink: HttpSink;

beforeAll(async () => {
  sink = await startHttpSink();
  server = await startChannelServer();
});
afterAll(async () => {
  await server.close();
  await sink.close();
});

async function subscribed(events: string[], path = `/crm/${crypto.randomUUID()}`) {
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Natalia', online: true, role: 'operator' }],
  });
  const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  const res = await fetch(`${server.url}/api/v1/webhooks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: `${sink.url}${path}`, events }),
  });
  expect(res.status).toBe(201);
  const { webhook, secret } = (await res.json()) as { webhook: { id: string }; secret: string };
  const received = () => sink.accepted.filter((r) => r.path === path);
  return { account, headers, webhook, secret, received, path };
}

async function visitorWrites(channelKey: string, text: string) {
  const visitor = await visitorSession(server.url, channelKey, { name: 'Olga' });
  const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
    body: JSON.stringify({ text }),
  });
  expect(res.status).toBe(201);
  return { visitor, ...((await res.json()) as { conversationId: string }) };
}

describe(`outgoing webhooks (${storeName})`, () => {
  it('posts subscribed events, signed, with ids in event order, each once and nothing else', async () => {
    const { account, secret, received, headers } = await subscribed([
      'conversation.created',
      'message.created',
      'conversation.closed',
      'conversation.rated',
    ]);
    const { visitor, conversationId } = await visitorWrites(
      account.channels.widget!.publicKey,
      'Hello',
    );
    await fetch(`${server.url}/api/v1/visitor/conversations/${conversationId}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
      body: JSON.stringify({ rating: 'like' }),
    });
    const closed = await fetch(`${server.url}/api/v1/conversations/${conversationId}/close`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(closed.status).toBe(200);
    const calls = await waitFor('four calls', async () => received().length >= 4 && received());
    await server.sb.channels.drain();
    // Deliveries are retried independently, so they may arrive out of order;
    // the ids give the order (docs/channels.md), and each event comes once.
    const mine = calls
      .filter((c) => c.json.conversationId === conversationId)
      .sort((a, b) => (a.json.id as number) - (b.json.id as number));
    const types = mine.map((c) => c.json.type);
    expect(types.filter((t) => t !== 'message.created')).toEqual([
      'conversation.created',
      'conversation.rated',
      'conversation.closed',
    ]);
    expect(types).toContain('message.created');
    const ids = mine.map((c) => c.json.id as number);
    expect(new Set(ids).size).toBe(ids.length);
    for (const call of mine) {
      const ts = Number(call.headers['x-switchboard-timestamp']);
      expect(call.headers['x-switchboard-signature']).toBe(
        sign(secret, ts, call.raw.toString('utf8')),
      );
      expect(call.headers['x-switchboard-event']).toBe(call.json.type);
      expect(call.json.accountId).toBe(account.accountId);
    }
    const created = mine.find((c) => c.json.type === 'conversation.created')!;
    expect(created.json.data).toMatchObject({
      conversation: { id: conversationId, state: 'queued' },
    });
  });

  it('retries a failing receiver with back-off and delivers each event once', async () => {
    const { account, received } = await subscribed(['conversation.created']);
    sink.failNext(2, 500);
    const { conversationId } = await visitorWrites(account.channels.widget!.publicKey, 'Hi');
    const delivery = await waitFor('sent', async () => {
      const [d] = await deliveriesOf(server.sb.services, account.accountId);
      return d?.status === 'sent' && d;
    });
    expect(delivery.attempts).toBe(3);
    expect(received()).toHaveLength(1);
    expect(received()[0]!.json.conversationId).toBe(conversationId);
  });

  it('puts an event that keeps failing in the dead-letter list; an admin retry delivers it', async () => {
    const { account, headers, received, webhook } = await subscribed(['conversation.created']);
    sink.failNext(4, 503);
    await visitorWrites(account.channels.widget!.publicKey, 'Hi');
    const dead = await waitFor('dead', async () => {
      const [d] = await deliveriesOf(server.sb.services, account.accountId);
      return d?.status === 'dead' && d;
    });
    expect(dead.attempts).toBe(4);
    const list = (await (
      await fetch(`${server.url}/api/v1/deliveries?status=dead&webhookId=${webhook.id}`, {
        headers,
      })
    ).json()) as { deliveries: { id: string }[] };
    expect(list.deliveries.map((d) => d.id)).toEqual([dead.id]);
    expect(
      (
        await fetch(`${server.url}/api/v1/deliveries/${dead.id}/retry`, {
          method: 'POST',
          headers,
          body: '{}',
        })
      ).status,
    ).toBe(200);
    await waitFor('delivered after retry', async () => received().length === 1);
  });

  it('keeps secrets out of listings and subscriptions to admins', async () => {
    const { account, headers, webhook } = await subscribed(['message.created']);
    const list = await (await fetch(`${server.url}/api/v1/webhooks`, { headers })).text();
    expect(list).toContain(webhook.id);
    expect(list).not.toMatch(/whsec_|secret/);
    const operator = await tokenHeaders(server.sb.services, account.scopeOf('Natalia'));
    const refused = await fetch(`${server.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: operator,
      body: JSON.stringify({ url: 'http://127.0.0.1:9/x', events: ['message.created'] }),
    });
    expect(refused.status).toBe(403);
    const { 'content-type': _json, ...bare } = headers;
    const removed = await fetch(`${server.url}/api/v1/webhooks/${webhook.id}`, {
      method: 'DELETE',
      headers: bare,
    });
    expect(removed.status).toBe(200);
    expect(await (await fetch(`${server.url}/api/v1/webhooks`, { headers })).json()).toEqual({
      webhooks: [],
    });
  });

  it('delivers each event exactly once when two nodes share the work', async () => {
    const second = await startChannelServer({}, { store: server.sb.store });
    try {
      const { account, received } = await subscribed(['conversation.created', 'message.created']);
      const conversations = [];
      for (let i = 0; i < 6; i++)
        conversations.push(
          (await visitorWrites(account.channels.widget!.publicKey, `hello ${i}`)).conversationId,
        );
      await Promise.all([server.sb.channels.drain(), second.sb.channels.drain()]);
      await waitFor('twelve calls', async () => received().length >= 12);
      await new Promise((r) => setTimeout(r, 500));
      // Six conversations and six first messages, plus any waiting notices: each once.
      const ids = received().map((c) => c.json.id);
      expect(ids.length).toBeGreaterThanOrEqual(12);
      expect(new Set(ids).size).toBe(ids.length);
      const rows = await deliveriesOf(server.sb.services, account.accountId);
      expect(rows.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
      expect(rows).toHaveLength(ids.length);
      expect(conversations).toHaveLength(6);
    } finally {
      await second.close();
    }
  });
});
