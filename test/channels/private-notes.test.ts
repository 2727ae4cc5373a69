// A private note never reaches the client, on any channel (issue 15). Each
// channel's conversation gets a note, then a reply: once the reply has arrived
// (the fence), anything the note could have caused would have come before it.
// Asserted on what each side received: the fake Bot API, the SMTP server, the
// API channel's endpoint, a webhook subscribed to every event it may have,
// the visitor's socket and the visitor's history API.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '../../src/channels/webhooks/events.js';
import { buildAccount, storeName, type TestServer, visitorSession } from '../support/harness.js';
import { connect } from '../support/ws-client.js';
import { API_SECRET, postSigned } from './support/api-client.js';
import {
  deliveriesOf,
  messagesOf,
  startChannelServer,
  tokenHeaders,
  waitFor,
} from './support/channels.js';
import { type FakeBotApi, startFakeBotApi } from './support/fake-bot-api.js';
import { type HttpSink, startHttpSink } from './support/http-sink.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';
import { chat, postUpdate, TELEGRAM_SECRET } from './support/telegram.js';

let server: TestServer;
let bot: FakeBotApi;
let smtp: SmtpSink;
let http: HttpSink;

beforeAll(async () => {
  [bot, smtp, http] = await Promise.all([startFakeBotApi(), startSmtpSink(), startHttpSink()]);
  server = await startChannelServer({
    smtp: { port: 0, host: '127.0.0.1', maxBytes: 5 * 1024 * 1024, hostname: 'switchboard.test' },
  });
});
afterAll(async () => {
  await server.close();
  await Promise.all([bot.close(), smtp.close(), http.close()]);
});

const SECRET_WORDS = 'chargeback-suspect-do-not-tell';

describe(`private notes stay private (${storeName})`, () => {
  it('reaches no widget, Telegram chat, e-mail, API endpoint or webhook', async () => {
    const address = `support-${randomUUID().slice(0, 8)}@shop.example`;
    const outbound = `/outbound/${randomUUID()}`;
    const hook = `/crm/${randomUUID()}`;
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Natalia', online: true, limit: 10 }],
      channels: [
        { name: 'widget', kind: 'widget' },
        {
          name: 'telegram',
          kind: 'telegram',
          settings: {
            botToken: bot.token,
            mode: 'webhook',
            secret: TELEGRAM_SECRET,
            apiRoot: bot.url,
          },
        },
        {
          name: 'email',
          kind: 'email',
          settings: { address, fromName: 'Shop', smtpHost: '127.0.0.1', smtpPort: smtp.port },
        },
        {
          name: 'api',
          kind: 'api',
          settings: { hmacSecret: API_SECRET, outboundUrl: `${http.url}${outbound}` },
        },
      ],
    });
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('Natalia'));
    const admin = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const subscribed = await fetch(`${server.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ url: `${http.url}${hook}`, events: [...WEBHOOK_EVENTS] }),
    });
    expect(subscribed.status).toBe(201);

    // The client writes first on every channel.
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const socket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(visitor.token)}`,
    );
    socket.send({ type: 'hello' });
    await socket.waitFor((m) => m.type === 'ready');
    await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
      body: JSON.stringify({ text: 'Hello from the site' }),
    });
    const olga = chat();
    await postUpdate(
      server.url,
      account.channels.telegram!.publicKey,
      TELEGRAM_SECRET,
      olga.update('text-message'),
    );
    await nodemailer
      .createTransport({
        host: '127.0.0.1',
        port: server.sb.channels.smtpPort!,
        secure: false,
        ignoreTLS: true,
      })
      .sendMail({ from: 'olga@example.com', to: address, subject: 'Order', text: 'Where is it?' });
    const api = await postSigned(
      `${server.url}/api/v1/channels/api/${account.channels.api!.publicKey}/messages`,
      { id: 'vk-1', contact: { id: 'vk-15500101', name: 'Maria' }, text: 'Hi from VK' },
    );
    expect(api.status).toBe(201);
    const conversations = await waitFor('four assigned conversations', async () => {
      const rows = await server.sb.services.db
        .selectFrom('conversations')
        .select(['id', 'channel_id'])
        .where('account_id', '=', account.accountId)
        .where('state', '=', 'assigned')
        .execute();
      return rows.length === 4 && rows;
    });

    // In each: a note (with a mention of nobody and of the client's name), then the reply.
    const replies: string[] = [];
    for (const c of conversations) {
      const note = await fetch(`${server.url}/api/v1/conversations/${c.id}/notes`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: `${SECRET_WORDS} @Natalia @client` }),
      });
      expect(note.status).toBe(201);
      const reply = await fetch(`${server.url}/api/v1/conversations/${c.id}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: `Reply ${c.channel_id}` }),
      });
      expect(reply.status).toBe(201);
      replies.push(((await reply.json()) as { message: { id: string } }).message.id);
    }

    // The fences: every outbound reply sent, the widget has its reply, the webhook its events.
    await waitFor('three replies sent', async () => {
      const sent = (await deliveriesOf(server.sb.services, account.accountId)).filter(
        (d) => d.message_id && replies.includes(d.message_id) && d.status === 'sent',
      );
      return sent.length === 3;
    });
    await socket.waitFor((m) => JSON.stringify(m).includes(`Reply ${account.channels.widget!.id}`));
    const replyEvents = (await messagesOf(server.sb.services, account.accountId, ['operator']))
      .length;
    expect(replyEvents).toBe(4);
    await waitFor('the webhook got every reply', async () => {
      const got = http.accepted.filter(
        (r) => r.path === hook && JSON.stringify(r.json).includes('Reply '),
      );
      return got.length === 4;
    });

    const widgetConversation = conversations.find(
      (c) => c.channel_id === account.channels.widget!.id,
    )!;
    const history = await fetch(
      `${server.url}/api/v1/visitor/conversations/${widgetConversation.id}/messages`,
      { headers: { authorization: `Bearer ${visitor.token}` } },
    );
    const received = {
      widget: JSON.stringify(socket.received) + (await history.text()),
      telegram: JSON.stringify(bot.calls),
      email: smtp.mails.map((m) => `${m.subject}\n${m.text}\n${m.html || ''}`).join('\n'),
      api: JSON.stringify(http.requests.filter((r) => r.path === outbound).map((r) => r.json)),
      webhook: JSON.stringify(http.requests.filter((r) => r.path === hook).map((r) => r.json)),
    };
    // Each channel did receive its reply…
    expect(received.telegram).toContain('Reply ');
    expect(received.email).toContain('Reply ');
    expect(received.api).toContain('Reply ');
    expect(received.widget).toContain('Reply ');
    // …and none of them the note.
    for (const [channel, text] of Object.entries(received)) {
      expect({ channel, leaked: text.includes(SECRET_WORDS) }).toEqual({ channel, leaked: false });
    }
    await socket.close();
  });
});
