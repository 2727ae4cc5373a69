import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeName, type TestServer } from '../support/harness.js';
import { deliveriesOf, startChannelServer, waitFor } from './support/channels.js';
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

describe(`Telegram outbound (${storeName})`, () => {
  it('sends the operator reply to the chat and shows it as sent', async () => {
    const { account, channel, reply, firstMessage } = await telegramAccount();
    const olga = chat();
    await postUpdate(server.url, channel.publicKey, SECRET, olga.update('text-message'));
    const first = await firstMessage();
    const messageId = await reply(first.conversation_id, 'Добрый день! Заказ 4417 в пути.');
    const delivery = await waitFor('sent', async () => {
      const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
        (x) => x.message_id === messageId,
      );
      return d?.status === 'sent' && d;
    });
    const sent = bot
      .callsTo('sendMessage')
      .filter((c) => c.fields.chat_id === String(olga.id) && c.fields.text?.startsWith('Добрый'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.token).toBe(bot.token);
    expect(sent[0]!.fields.text).toBe('Добрый день! Заказ 4417 в пути.');
    expect(delivery.external_id).toMatch(new RegExp(`^${olga.id}:\\d+$`));
  });

  it('sends files as photo, document and voice, and resumes after the part that failed', async () => {
    const { account, channel, headers, firstMessage } = await telegramAccount();
    const olga = chat();
    await postUpdate(server.url, channel.publicKey, SECRET, olga.update('text-message'));
    const first = await firstMessage();
    const upload = async (name: string, type: string, bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type }), name);
      const { 'content-type': _json, ...auth } = headers;
      const res = await fetch(`${server.url}/api/v1/uploads`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { attachment: Record<string, unknown> }).attachment;
    };
    const png = await upload(
      'label.png',
      'image/png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const pdf = await upload('invoice.pdf', 'application/pdf', Buffer.from('%PDF-1.4 invoice'));
    const voice = await upload('answer.ogg', 'audio/ogg', Buffer.from('OggS voice note'));
    bot.failNext('sendDocument', 1, { status: 502, description: 'Bad Gateway' });
    const res = await fetch(
      `${server.url}/api/v1/conversations/${first.conversation_id}/messages`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'Ваши документы', attachments: [png, pdf, voice] }),
      },
    );
    const { message } = (await res.json()) as { message: { id: string } };
    await waitFor('sent', async () => {
      const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
        (x) => x.message_id === message.id,
      );
      return d?.status === 'sent';
    });
    const mine = bot.calls.filter(
      (c) => c.fields.chat_id === String(olga.id) && c.method !== 'sendMessage',
    );
    expect(mine.map((c) => [c.method, c.files.map((f) => f.name)])).toEqual([
      ['sendPhoto', ['label.png']],
      ['sendDocument', ['invoice.pdf']],
      ['sendDocument', ['invoice.pdf']],
      ['sendVoice', ['answer.ogg']],
    ]);
    // The text went out once, though the delivery took two attempts.
    const texts = bot.callsTo('sendMessage').filter((c) => c.fields.text === 'Ваши документы');
    expect(texts).toHaveLength(1);
  });

  it('delivers once after the Bot API was down, and the operator sees failed, then sent', async () => {
    const { account, channel, reply, firstMessage } = await telegramAccount();
    const olga = chat();
    await postUpdate(server.url, channel.publicKey, SECRET, olga.update('text-message'));
    const first = await firstMessage();
    bot.failNext('sendMessage', 2, { status: 502, description: 'Bad Gateway' });
    const messageId = await reply(first.conversation_id, 'Проверяю');
    await waitFor('sent', async () => {
      const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
        (x) => x.message_id === messageId,
      );
      return d?.status === 'sent' && d;
    });
    const calls = bot
      .callsTo('sendMessage')
      .filter((c) => c.fields.chat_id === String(olga.id) && c.fields.text === 'Проверяю');
    expect(calls).toHaveLength(3); // two refused, one accepted
    const states = await server.sb.services.db
      .selectFrom('events')
      .select('payload')
      .where('account_id', '=', account.accountId)
      .where('type', '=', 'delivery.updated')
      .orderBy('id')
      .execute();
    const seen = states
      .map((e) => (e.payload as { delivery: { status: string; messageId: string } }).delivery)
      .filter((d) => d.messageId === messageId)
      .map((d) => d.status);
    expect(seen).toEqual(['pending', 'failed', 'failed', 'sent']);
  });

  it('marks a delivery dead when the bot token is revoked, and an admin retry sends it', async () => {
    const { account, channel, reply, headers, firstMessage } = await telegramAccount();
    const olga = chat();
    await postUpdate(server.url, channel.publicKey, SECRET, olga.update('text-message'));
    const first = await firstMessage();
    bot.failNext('sendMessage', 1, { status: 401, description: 'Unauthorized' });
    const messageId = await reply(first.conversation_id, 'Ответ');
    const dead = await waitFor('dead', async () => {
      const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
        (x) => x.message_id === messageId,
      );
      return d?.status === 'dead' && d;
    });
    expect(dead.error_kind).toBe('auth_revoked');
    const health = (await (
      await fetch(`${server.url}/api/v1/channels/${channel.id}/health`, { headers })
    ).json()) as { lastError: string };
    expect(health.lastError).toMatch(/^auth_revoked/);
    const letters = (await (
      await fetch(`${server.url}/api/v1/deliveries?status=dead`, { headers })
    ).json()) as { deliveries: { id: string }[] };
    expect(letters.deliveries.map((d) => d.id)).toEqual([dead.id]);
    const retried = await fetch(`${server.url}/api/v1/deliveries/${dead.id}/retry`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(retried.status).toBe(200);
    await waitFor('sent after retry', async () => {
      const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
        (x) => x.id === dead.id,
      );
      return d?.status === 'sent';
    });
  });
});
