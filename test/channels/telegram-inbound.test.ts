import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, storeName, type TestServer } from '../support/harness.js';
import { messagesOf, startChannelServer, tokenHeaders, waitFor } from './support/channels.js';
import { type FakeBotApi, startFakeBotApi } from './support/fake-bot-api.js';
import { chat, postUpdate, telegramAccount as setUp, TELEGRAM_SECRET } from './support/telegram.js';

let bot: FakeBotApi;
let server: TestServer;
const SECRET = TELEGRAM_SECRET;
const telegramAccount = () => setUp(server, bot);

beforeAll(async () => {
  bot = await startFakeBotApi();
  server = await startChannelServer();
});
afterAll(async () => {
  await server.close();
  await bot.close();
});

describe(`Telegram inbound (${storeName})`, () => {
  it('refuses webhook calls without the right secret token before reading the body', async () => {
    const { channel } = await telegramAccount();
    const missing = await postUpdate(server.url, channel.publicKey, null, '{not json');
    const wrong = await postUpdate(server.url, channel.publicKey, 'guess', '{not json');
    expect(missing.status).toBe(401);
    expect(wrong.status).toBe(401);
    // With the right secret the same body gets as far as the parser — and,
    // not being an update, is acknowledged (see below).
    expect((await postUpdate(server.url, channel.publicKey, SECRET, '{not json')).status).toBe(200);
  });

  it('acknowledges malformed updates without filing them, so Telegram does not re-send them forever', async () => {
    const { account, channel } = await telegramAccount();
    const bodies = [
      '{not json',
      '[]',
      '{"update_id":"7"}',
      '{"update_id":-1}',
      '{"update_id":1.5}',
      JSON.stringify({ update_id: 1, message: true }),
      JSON.stringify({ update_id: 2, message: { message_id: 1, chat: {} } }),
      JSON.stringify({ update_id: 3, message: {} }),
      `{"update_id":4,"message":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    ];
    for (const body of bodies) {
      const res = await postUpdate(server.url, channel.publicKey, SECRET, body);
      expect(res.status, body.slice(0, 40)).toBe(200);
      expect(await res.json()).toEqual({ ok: true, ignored: 'malformed' });
    }
    const filed = await server.sb.services.db
      .selectFrom('channel_inbox')
      .select('id')
      .where('channel_id', '=', channel.id)
      .execute();
    expect(filed).toEqual([]);
    expect(await messagesOf(server.sb.services, account.accountId)).toEqual([]);
  });

  it('keeps a message with NUL and lone surrogates, stripped and replaced by U+FFFD', async () => {
    const { account, channel } = await telegramAccount();
    const update = chat().update('text-message', { text: 'Where\u0000 is \ud800my order?' });
    const res = await postUpdate(server.url, channel.publicKey, SECRET, update);
    expect(res.status).toBe(200);
    const [message] = await waitFor('the message', async () => {
      const rows = await messagesOf(server.sb.services, account.accountId);
      return rows.length > 0 && rows;
    });
    expect(message!.text).toBe('Where is \ufffdmy order?');
  });

  it('turns a recorded text update into a queued conversation with the sender as contact', async () => {
    const { account, channel } = await telegramAccount();
    const olga = chat();
    const res = await postUpdate(
      server.url,
      channel.publicKey,
      SECRET,
      olga.update('text-message'),
    );
    expect(res.status).toBe(200);
    const [message] = await waitFor('the message', async () => {
      const rows = await messagesOf(server.sb.services, account.accountId);
      return rows.length > 0 && rows;
    });
    expect(message!.text).toBe('Здравствуйте! Где мой заказ 4417?');
    expect(message!.author_kind).toBe('contact');
    const contact = await server.sb.services.db
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', message!.contact_id)
      .executeTakeFirstOrThrow();
    expect(contact.name).toBe('Ольга Смирнова');
  });

  it('applies an update delivered twice (same update_id) once', async () => {
    const { account, channel } = await telegramAccount();
    const update = chat().update('text-message');
    const answers = await Promise.all([
      postUpdate(server.url, channel.publicKey, SECRET, update),
      postUpdate(server.url, channel.publicKey, SECRET, update),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await postUpdate(server.url, channel.publicKey, SECRET, update);
    await server.sb.channels.drain();
    expect(await messagesOf(server.sb.services, account.accountId)).toHaveLength(1);
  });

  it('fetches photos, documents and voice notes through getFile and keeps them as attachments', async () => {
    const { account, channel } = await telegramAccount();
    bot.files.set('AgACAgIAAxkBAAMgZ0H1-large', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    bot.files.set('BQACAgIAAxkBAAMhZ0H2-doc', Buffer.from('%PDF-1.4 receipt'));
    bot.files.set('AwACAgIAAxkBAAMiZ0H3-voice', Buffer.from('OggS voice'));
    const olga = chat();
    for (const name of ['photo-with-caption', 'document', 'voice'])
      await postUpdate(server.url, channel.publicKey, SECRET, olga.update(name));
    const rows = await waitFor('three messages', async () => {
      const r = await messagesOf(server.sb.services, account.accountId);
      return r.length === 3 && r;
    });
    expect(rows.map((r) => r.text)).toEqual(['Вот так пришла коробка', '', '']);
    expect(rows.map((r) => r.attachments.map((a) => [a.name, a.contentType, a.size]))).toEqual([
      [['photo-AQADlarge.jpg', 'image/jpeg', 7]],
      [['чек-4417.pdf', 'application/pdf', 16]],
      [['voice-AgADvoice.ogg', 'audio/ogg', 10]],
    ]);
    // Only the largest photo size was fetched.
    expect(bot.callsTo('getFile').map((c) => c.fields.file_id)).toContain(
      'AgACAgIAAxkBAAMgZ0H1-large',
    );
    expect(bot.callsTo('getFile').map((c) => c.fields.file_id)).not.toContain(
      'AgACAgIAAxkBAAMgZ0H1-small',
    );
  });

  it('keeps a burst of webhook updates in order', async () => {
    const { account, channel } = await telegramAccount();
    const olga = chat();
    const updates = Array.from({ length: 30 }, (_, i) =>
      olga.update('text-message', { text: `#${i}` }),
    );
    // As Telegram sends them with max_connections 1: one after another, each
    // answered as soon as it is stored — processing runs behind, concurrently.
    for (const u of updates)
      expect((await postUpdate(server.url, channel.publicKey, SECRET, u)).status).toBe(200);
    const rows = await waitFor('thirty messages', async () => {
      const r = await messagesOf(server.sb.services, account.accountId);
      return r.length === 30 && r;
    });
    expect(rows.map((r) => r.text)).toEqual(updates.map((_, i) => `#${i}`));
    expect(new Set(rows.map((r) => r.conversation_id)).size).toBe(1);
  });

  it('orders a batch by update_id even when it arrives scrambled', async () => {
    const polling = await startFakeBotApi('555000111:AAScrambledBatchTokenForTests_0123');
    try {
      const account = await buildAccount(server.sb.services, {
        channels: [
          {
            name: 'telegram',
            kind: 'telegram',
            settings: { botToken: polling.token, mode: 'polling', apiRoot: polling.url },
          },
        ],
      });
      const olga = chat();
      const updates = Array.from({ length: 12 }, (_, i) =>
        olga.update('text-message', { text: `#${i}` }),
      );
      polling.queueUpdates(
        [...updates].sort((a, b) => ((a.update_id * 7919) % 13) - ((b.update_id * 7919) % 13)),
      );
      await server.sb.channels.supervise();
      const rows = await waitFor('twelve messages', async () => {
        const r = await messagesOf(server.sb.services, account.accountId);
        return r.length === 12 && r;
      });
      expect(rows.map((r) => r.text)).toEqual(updates.map((_, i) => `#${i}`));
    } finally {
      await polling.close();
    }
  });

  it('ignores messages from bots, group chats and edits, and tells the operator about stickers', async () => {
    const { account, channel } = await telegramAccount();
    const olga = chat();
    for (const name of ['private-message-from-bot', 'group-message-from-bot'])
      await postUpdate(server.url, channel.publicKey, SECRET, chat().update(name));
    await postUpdate(server.url, channel.publicKey, SECRET, olga.update('edited-message'));
    await postUpdate(server.url, channel.publicKey, SECRET, olga.update('sticker'));
    await server.sb.channels.drain();
    const rows = await messagesOf(server.sb.services, account.accountId);
    expect(rows.map((r) => r.text)).toEqual(['[sticker 👍]']);
    const ignored = await server.sb.services.db
      .selectFrom('channel_inbox')
      .select('last_error')
      .where('channel_id', '=', channel.id)
      .where('status', '=', 'ignored')
      .execute();
    expect(ignored.map((r) => r.last_error).sort()).toEqual([
      'not a private chat',
      'sent by a bot',
      'unsupported update: edited_message',
    ]);
  });

  it('registers its webhook with the secret token, in order (max_connections 1)', async () => {
    const { channel } = await telegramAccount();
    await server.sb.channels.supervise();
    const call = await waitFor('setWebhook', async () =>
      bot.callsTo('setWebhook').find((c) => c.fields.url?.includes(channel.publicKey)),
    );
    expect(call.fields.url).toBe(
      `${server.url}/api/v1/channels/telegram/${channel.publicKey}/webhook`,
    );
    expect(call.fields.secret_token).toBe(SECRET);
    expect(call.fields.max_connections).toBe('1');
  });

  it('shows a refused webhook registration in the channel health and tries again', async () => {
    bot.failNext('setWebhook', 1, {
      status: 400,
      description: 'Bad Request: bad webhook: HTTPS url must be provided for webhook',
    });
    const { channel, headers } = await telegramAccount();
    await server.sb.channels.supervise();
    const health = await waitFor('the error', async () => {
      const h = (await (
        await fetch(`${server.url}/api/v1/channels/${channel.id}/health`, { headers })
      ).json()) as {
        lastError: string | null;
      };
      return h.lastError !== null && h;
    });
    expect(health.lastError).toMatch(/^permanent: setWebhook: 400 Bad Request: bad webhook/);
    await server.sb.channels.supervise();
    await waitFor(
      'a second, accepted registration',
      async () =>
        bot.callsTo('setWebhook').filter((c) => c.fields.url?.includes(channel.publicKey)).length >=
        2,
    );
  });

  it('connects a channel later by a settings change, with a webhook secret every node agrees on', async () => {
    const account = await buildAccount(server.sb.services, {
      channels: [{ name: 'telegram', kind: 'telegram' }],
    });
    const channel = account.channels.telegram!;
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const patched = await fetch(`${server.url}/api/v1/channels/${channel.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({
        settings: { botToken: bot.token, mode: 'webhook', apiRoot: bot.url },
      }),
    });
    expect(patched.status).toBe(200);
    await server.sb.channels.supervise();
    const call = await waitFor('setWebhook', async () =>
      bot.callsTo('setWebhook').find((c) => c.fields.url?.includes(channel.publicKey)),
    );
    const secret = call.fields.secret_token!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(
      (await postUpdate(server.url, channel.publicKey, secret, chat().update('text-message')))
        .status,
    ).toBe(200);
    expect(
      (
        await postUpdate(
          server.url,
          channel.publicKey,
          'x'.repeat(43),
          chat().update('text-message'),
        )
      ).status,
    ).toBe(401);
  });

  it('receives by long polling and confirms each batch only after storing it', async () => {
    const polling = await startFakeBotApi('987654321:AAPollingTokenForTestsOnly_0123456');
    try {
      const account = await buildAccount(server.sb.services, {
        channels: [
          {
            name: 'telegram',
            kind: 'telegram',
            settings: { botToken: polling.token, mode: 'polling', apiRoot: polling.url },
          },
        ],
      });
      const olga = chat();
      polling.queueUpdates([olga.update('start-command'), olga.update('text-message')]);
      await server.sb.channels.supervise();
      const rows = await waitFor('two messages', async () => {
        const r = await messagesOf(server.sb.services, account.accountId);
        return r.length === 2 && r;
      });
      expect(rows.map((r) => r.text)).toEqual(['/start', 'Здравствуйте! Где мой заказ 4417?']);
      expect(polling.callsTo('deleteWebhook')).toHaveLength(1);
      const offsets = polling.callsTo('getUpdates').map((c) => c.fields.offset);
      expect(offsets[0]).toBeUndefined();
      await waitFor('a confirming offset', async () =>
        polling.callsTo('getUpdates').some((c) => c.fields.offset),
      );
    } finally {
      await polling.close();
    }
  });
});
