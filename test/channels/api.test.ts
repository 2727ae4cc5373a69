import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, storeName, type TestServer } from '../support/harness.js';
import { API_SECRET, postSigned, sign } from './support/api-client.js';
import {
  deliveriesOf,
  messagesOf,
  startChannelServer,
  tokenHeaders,
  waitFor,
} from './support/channels.js';
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

async function apiAccount(outboundPath = `/outbound/${randomUUID()}`) {
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Natalia', online: true }],
    channels: [
      { name: 'widget', kind: 'widget' },
      {
        name: 'vk',
        kind: 'api',
        settings: { hmacSecret: API_SECRET, outboundUrl: `${sink.url}${outboundPath}` },
      },
    ],
  });
  const channel = account.channels.vk!;
  const inbound = `${server.url}/api/v1/channels/api/${channel.publicKey}/messages`;
  const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  const reply = async (conversationId: string, text: string) => {
    const res = await fetch(`${server.url}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { message: { id: string } }).message.id;
  };
  const settled = (messageId: string, status: string) =>
    waitFor(status, async () => {
      const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
        (x) => x.message_id === messageId,
      );
      return d?.status === status && d;
    });
  const calls = () => sink.requests.filter((r) => r.path === outboundPath);
  return { account, channel, inbound, headers, reply, settled, calls };
}

const message = (id: string, text = 'Привет из VK') => ({
  id,
  contact: { id: 'vk-15500101', name: 'Мария' },
  text,
});

describe(`API channel (${storeName})`, () => {
  it('refuses requests that are unsigned, wrongly signed or older than five minutes', async () => {
    const { account, inbound } = await apiAccount();
    const body = message('m-1');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = await postSigned(inbound, body, { signature: null });
    const wrong = await postSigned(inbound, body, {
      secret: 'another-secret-0123456789-0123456789',
    });
    const replayed = await postSigned(inbound, body, { timestamp: now - 6 * 60 });
    const tampered = await postSigned(inbound, body, {
      signature: sign(API_SECRET, now, '{"id":"other"}'),
    });
    for (const res of [unsigned, wrong, replayed, tampered]) expect(res.status).toBe(401);
    expect(((await replayed.json()) as { error: { message: string } }).error.message).toMatch(
      /replay/,
    );
    expect(((await unsigned.json()) as { error: { field: string } }).error.field).toBe(
      'x-switchboard-signature',
    );
    expect(await messagesOf(server.sb.services, account.accountId)).toHaveLength(0);
  });

  it('accepts a signed message and applies a re-sent one once', async () => {
    const { account, inbound } = await apiAccount();
    const first = await postSigned(inbound, message('m-2'));
    expect(first.status).toBe(201);
    const created = (await first.json()) as {
      messageId: string;
      conversationId: string;
      duplicate: boolean;
    };
    expect(created.duplicate).toBe(false);
    // The provider retries (its answer got lost): same id, a fresh signature.
    const again = await postSigned(inbound, message('m-2'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, messageId: created.messageId });
    const rows = await messagesOf(server.sb.services, account.accountId);
    expect(rows.map((r) => [r.text, r.external_id])).toEqual([['Привет из VK', 'm-2']]);
  });

  it('names the field of a malformed message', async () => {
    const { inbound } = await apiAccount();
    const res = await postSigned(inbound, { id: 'm-3', contact: {} });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('contact.id');
  });

  it('keeps base64 attachments as files', async () => {
    const { account, inbound } = await apiAccount();
    const pdf = Buffer.from('%PDF-1.4 invoice');
    const res = await postSigned(inbound, {
      ...message('m-4', ''),
      attachments: [
        { name: 'invoice.pdf', contentType: 'application/pdf', data: pdf.toString('base64') },
      ],
    });
    expect(res.status).toBe(201);
    const [row] = await messagesOf(server.sb.services, account.accountId);
    expect(row!.attachments).toMatchObject([
      { name: 'invoice.pdf', contentType: 'application/pdf', size: pdf.length },
    ]);
  });

  it('posts the operator reply to the provider, signed the same way', async () => {
    const { inbound, reply, settled, calls } = await apiAccount();
    const { conversationId } = (await (await postSigned(inbound, message('m-5'))).json()) as {
      conversationId: string;
    };
    const id = await reply(conversationId, 'Здравствуйте, Мария!');
    const delivery = await settled(id, 'sent');
    const [call] = calls();
    expect(call!.headers['x-switchboard-delivery']).toBe(delivery.id);
    const ts = Number(call!.headers['x-switchboard-timestamp']);
    expect(call!.headers['x-switchboard-signature']).toBe(
      sign(API_SECRET, ts, call!.raw.toString('utf8')),
    );
    expect(call!.json).toMatchObject({
      type: 'message',
      deliveryId: delivery.id,
      conversationId,
      contact: { id: 'vk-15500101', name: 'Мария' },
      message: { id, text: 'Здравствуйте, Мария!', author: 'operator', authorName: 'admin' },
    });
    expect(delivery.external_id).toMatch(/^ext-\d+$/);
  });

  it('delivers once after the provider was down, and gives up at once on a permanent refusal', async () => {
    const { inbound, reply, settled, calls } = await apiAccount();
    const { conversationId } = (await (await postSigned(inbound, message('m-6'))).json()) as {
      conversationId: string;
    };
    sink.failNext(2, 503);
    const first = await reply(conversationId, 'after an outage');
    const sent = await settled(first, 'sent');
    expect(sent.attempts).toBe(3);
    expect(calls().filter((c) => c.json.deliveryId === sent.id)).toHaveLength(3);
    expect(sink.accepted.filter((c) => c.json.deliveryId === sent.id)).toHaveLength(1);

    sink.failNext(1, 422);
    const second = await reply(conversationId, 'refused for good');
    const dead = await settled(second, 'dead');
    expect(dead).toMatchObject({ attempts: 1, error_kind: 'permanent' });
  });

  it('sends the replies of one conversation in the order they were written', async () => {
    const { inbound, reply, settled, calls } = await apiAccount();
    const { conversationId } = (await (await postSigned(inbound, message('m-7'))).json()) as {
      conversationId: string;
    };
    sink.failNext(1, 503);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await reply(conversationId, `part ${i}`));
    for (const id of ids) await settled(id, 'sent');
    const texts = calls()
      .filter((c) => sink.accepted.includes(c))
      .map((c) => (c.json.message as { text: string }).text)
      .filter((t) => t.startsWith('part'));
    expect(texts).toEqual(['part 0', 'part 1', 'part 2', 'part 3', 'part 4']);
  });

  it('does not loop when the provider URL points back at Switchboard', async () => {
    const { account, channel, inbound, headers, reply, settled } = await apiAccount();
    const patched = await fetch(`${server.url}/api/v1/channels/${channel.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ settings: { outboundUrl: inbound } }),
    });
    expect(patched.status).toBe(200);
    const { conversationId } = (await (await postSigned(inbound, message('m-8'))).json()) as {
      conversationId: string;
    };
    await settled(await reply(conversationId, 'echo?'), 'sent');
    await server.sb.channels.drain();
    expect(await messagesOf(server.sb.services, account.accountId)).toHaveLength(1);
  });

  it('joins the contact by e-mail when the provider knows it', async () => {
    const { account, inbound } = await apiAccount();
    await postSigned(inbound, {
      id: 'w-1',
      contact: { id: 'vk-1', email: 'maria@example.com' },
      text: 'one',
    });
    await postSigned(inbound, {
      id: 'w-2',
      contact: { id: 'vk-2', email: 'Maria@Example.com' },
      text: 'two',
    });
    const rows = await messagesOf(server.sb.services, account.accountId);
    expect(new Set(rows.map((r) => r.contact_id)).size).toBe(1);
  });

  it("keeps the contact's phone when the provider knows it, and refuses one that is not a phone", async () => {
    const { account, inbound } = await apiAccount();
    const ok = await postSigned(inbound, {
      id: 'p-1',
      contact: { id: 'wa-79125550102', phone: '+7 (912) 555-01-02' },
      text: 'hi',
    });
    expect(ok.status).toBeLessThan(300);
    const rows = await messagesOf(server.sb.services, account.accountId);
    const contact = await server.sb.services.db
      .selectFrom('contacts')
      .select('phone')
      .where('id', '=', rows[0]!.contact_id)
      .executeTakeFirstOrThrow();
    expect(contact.phone).toBe('+7 (912) 555-01-02');
    const bad = await postSigned(inbound, {
      id: 'p-2',
      contact: { id: 'wa-1', phone: 'call me' },
      text: 'hi',
    });
    expect(bad.status).toBe(400);
  });

  it('never shows channel secrets, whatever the kind', async () => {
    const account = await buildAccount(server.sb.services, {
      channels: [
        { name: 'vk', kind: 'api', settings: { hmacSecret: API_SECRET } },
        {
          name: 'tg',
          kind: 'telegram',
          settings: {
            botToken: '42:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
            secret: 'tg-secret-token-0123456789',
          },
        },
        {
          name: 'mail',
          kind: 'email',
          settings: {
            address: 'help@shop.example',
            smtpPassword: 'smtp-pass-1',
            imapPassword: 'imap-pass-1',
          },
        },
      ],
    });
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const listed = await (await fetch(`${server.url}/api/v1/channels`, { headers })).text();
    expect(listed).toContain('help@shop.example');
    for (const secret of [
      API_SECRET,
      'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
      'tg-secret-token',
      'smtp-pass-1',
      'imap-pass-1',
    ])
      expect(listed).not.toContain(secret);
  });

  it('refuses a connected channel with settings that cannot work, naming the field', async () => {
    const account = await buildAccount(server.sb.services);
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const res = await fetch(`${server.url}/api/v1/channels`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        kind: 'api',
        name: 'weak',
        priority: 1,
        settings: { hmacSecret: 'short' },
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe(
      'settings.hmacSecret',
    );
  });
});
