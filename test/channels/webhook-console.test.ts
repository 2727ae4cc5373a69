// What the admin console does with integrations, over the API: webhooks are
// edited, paused, test-sent and re-keyed, with their recent deliveries and
// the receiver's answers; a channel's failed deliveries are retried one by
// one or all at once, or discarded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, storeName, type TestServer, visitorSession } from '../support/harness.js';
import { API_SECRET, postSigned, sign } from './support/api-client.js';
import { startChannelServer, tokenHeaders, waitFor } from './support/channels.js';
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

interface Delivery {
  id: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  responseExcerpt: string | null;
  lastError: string | null;
  test: boolean;
}

async function api(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function subscribed(events: string[]) {
  const path = `/crm/${randomUUID()}`;
  const account = await buildAccount(server.sb.services);
  const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  const created = await api(headers, 'POST', '/webhooks', { url: `${sink.url}${path}`, events });
  expect(created.status).toBe(201);
  const { webhook, secret } = created.body as { webhook: { id: string }; secret: string };
  const received = () => sink.accepted.filter((r) => r.path === path);
  const deliveries = async () =>
    (await api(headers, 'GET', `/webhooks/${webhook.id}/deliveries`)).body.deliveries as Delivery[];
  return { account, headers, webhook, secret, received, deliveries, path };
}

async function visitorWrites(channelKey: string) {
  const visitor = await visitorSession(server.url, channelKey);
  const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
    body: JSON.stringify({ text: 'Hello' }),
  });
  expect(res.status).toBe(201);
}

describe(`webhooks in the console (${storeName})`, () => {
  it('sends a signed test event and lists it with the status code and the answer', async () => {
    const { headers, webhook, secret, received, deliveries } = await subscribed([
      'conversation.created',
    ]);
    const sent = await api(headers, 'POST', `/webhooks/${webhook.id}/test`);
    expect(sent.status).toBe(200);
    expect(sent.body.delivery).toMatchObject({
      status: 'sent',
      attempts: 1,
      responseStatus: 200,
      test: true,
    });
    expect((sent.body.delivery as Delivery).responseExcerpt).toMatch(/"id":"ext-/);
    const [call] = received();
    expect(call!.json).toMatchObject({ id: 0, type: 'webhook.test', data: { test: true } });
    const ts = Number(call!.headers['x-switchboard-timestamp']);
    expect(call!.headers['x-switchboard-signature']).toBe(sign(secret, ts, call!.raw.toString()));

    sink.failNext(1, 503);
    const failed = await api(headers, 'POST', `/webhooks/${webhook.id}/test`);
    expect(failed.body.delivery).toMatchObject({
      status: 'dead',
      responseStatus: 503,
      responseExcerpt: 'unavailable',
    });
    const list = await deliveries();
    expect(list.map((d) => [d.status, d.responseStatus])).toEqual([
      ['dead', 503],
      ['sent', 200],
    ]);
    // A test is not retried; a new one is sent instead.
    const retry = await api(headers, 'POST', `/deliveries/${list[0]!.id}/retry`);
    expect(retry.status).toBe(409);
  });

  it('shows the retries and the last answer of a real delivery', async () => {
    const { account, deliveries } = await subscribed(['conversation.created']);
    sink.failNext(2, 502);
    await visitorWrites(account.channels.widget!.publicKey);
    const [delivery] = await waitFor('sent after two failures', async () => {
      const list = await deliveries();
      return list[0]?.status === 'sent' && list;
    });
    expect(delivery).toMatchObject({ attempts: 3, responseStatus: 200, test: false });
  });

  it('holds events while paused and sends them once resumed', async () => {
    const { account, headers, webhook, received } = await subscribed(['conversation.created']);
    const paused = await api(headers, 'PATCH', `/webhooks/${webhook.id}`, { paused: true });
    expect(paused.body).toMatchObject({ paused: true });
    await visitorWrites(account.channels.widget!.publicKey);
    await visitorWrites(account.channels.widget!.publicKey);
    await server.sb.channels.drain();
    expect(received()).toHaveLength(0);
    await api(headers, 'PATCH', `/webhooks/${webhook.id}`, { paused: false });
    const calls = await waitFor('both events', async () => received().length === 2 && received());
    expect(new Set(calls.map((c) => c.json.id)).size).toBe(2);
  });

  it('changes the address and events, and signs with a rotated secret from then on', async () => {
    const { headers, webhook, secret } = await subscribed(['conversation.created']);
    const path = `/crm/${randomUUID()}`;
    const edited = await api(headers, 'PATCH', `/webhooks/${webhook.id}`, {
      url: `${sink.url}${path}`,
      events: ['conversation.closed', 'message.created'],
    });
    expect(edited.body).toMatchObject({
      url: `${sink.url}${path}`,
      events: ['conversation.closed', 'message.created'],
    });
    const bad = await api(headers, 'PATCH', `/webhooks/${webhook.id}`, { events: [] });
    expect(bad.body.error).toMatchObject({ field: 'events', reason: 'too_few' });
    const rotated = await api(headers, 'POST', `/webhooks/${webhook.id}/rotate-secret`);
    const fresh = rotated.body.secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    await api(headers, 'POST', `/webhooks/${webhook.id}/test`);
    const call = sink.accepted.filter((r) => r.path === path)[0]!;
    const ts = Number(call.headers['x-switchboard-timestamp']);
    expect(call.headers['x-switchboard-signature']).toBe(sign(fresh, ts, call.raw.toString()));
    const listing = await (await fetch(`${server.url}/api/v1/webhooks`, { headers })).text();
    expect(listing).not.toContain(fresh);
  });
});

describe(`failed channel deliveries (${storeName})`, () => {
  async function failingApiChannel() {
    const outboundPath = `/outbound/${randomUUID()}`;
    const account = await buildAccount(server.sb.services, {
      channels: [
        {
          name: 'vk',
          kind: 'api',
          settings: { hmacSecret: API_SECRET, outboundUrl: `${sink.url}${outboundPath}` },
        },
      ],
    });
    const channel = account.channels.vk!;
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const inbound = `${server.url}/api/v1/channels/api/${channel.publicKey}/messages`;
    const res = await postSigned(inbound, {
      id: randomUUID(),
      contact: { id: 'vk-1', name: 'Мария' },
      text: 'Привет',
    });
    const { conversationId } = (await res.json()) as { conversationId: string };
    const reply = async (text: string) => {
      // 403 is a refusal that will not pass by itself: straight to the failed list.
      sink.failNext(1, 403, outboundPath);
      const sent = await api(headers, 'POST', `/conversations/${conversationId}/messages`, {
        text,
      });
      expect(sent.status).toBe(201);
    };
    const failedList = async () =>
      (await api(headers, 'GET', `/deliveries?status=dead&channelId=${channel.id}`)).body
        .deliveries as Delivery[];
    const calls = () => sink.accepted.filter((r) => r.path === outboundPath);
    return { account, channel, headers, reply, failedList, calls };
  }

  it('lists them with the reason, retries all, and discards one for good', async () => {
    const { channel, headers, reply, failedList, calls } = await failingApiChannel();
    await reply('first');
    await waitFor('one failed', async () => (await failedList()).length === 1);
    await reply('second');
    const failed = await waitFor('two failed', async () => {
      const list = await failedList();
      return list.length === 2 && list;
    });
    for (const d of failed) {
      expect(d.responseStatus).toBe(403);
      expect(d.lastError).toMatch(/HTTP 403/);
    }
    const discarded = await api(headers, 'POST', `/deliveries/${failed[0]!.id}/discard`);
    expect(discarded.body.delivery).toMatchObject({ status: 'discarded' });
    const again = await api(headers, 'POST', `/deliveries/${failed[0]!.id}/discard`);
    expect(again.status).toBe(409);
    const retried = await api(headers, 'POST', '/deliveries/retry-all', { channelId: channel.id });
    expect(retried.body).toEqual({ retried: 1 });
    await waitFor('delivered after retry', async () => calls().length === 1);
    // The receiver has it before the attempt is recorded: wait for the record.
    // A busy CI machine can take a while between the two; the deadline only bounds a hang.
    const health = await waitFor(
      'recorded as sent',
      async () => {
        const h = (await api(headers, 'GET', `/channels/${channel.id}/health`)).body;
        return (h.deliveries as Record<string, number>).sent === 1 && h;
      },
      60_000,
    );
    expect(health).toMatchObject({ deliveries: { sent: 1, discarded: 1 } });
    expect(await failedList()).toEqual([]);
  });

  it("gives a Telegram channel's webhook address as the server registers it", async () => {
    const account = await buildAccount(server.sb.services, {
      channels: [{ name: 'bot', kind: 'telegram' }],
    });
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const bot = account.channels.bot!;
    const health = await api(headers, 'GET', `/channels/${bot.id}/health`);
    expect(health.body).toMatchObject({
      state: 'ok',
      currentError: null,
      webhookUrl: `${server.sb.config.publicUrl}/api/v1/channels/telegram/${bot.publicKey}/webhook`,
    });
  });
});
