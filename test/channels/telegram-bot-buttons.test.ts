// The bot's buttons on Telegram (issue 17): they go out as an inline keyboard,
// and a client's press comes back through the Bot API as a callback query that
// the bot reads as the button's label.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, storeName, type TestServer } from '../support/harness.js';
import { startChannelServer, waitFor } from './support/channels.js';
import { type FakeBotApi, startFakeBotApi } from './support/fake-bot-api.js';
import { chat, postUpdate, TELEGRAM_SECRET } from './support/telegram.js';

let bot: FakeBotApi;
let server: TestServer;

beforeAll(async () => {
  bot = await startFakeBotApi();
  server = await startChannelServer();
});
afterAll(async () => {
  await server.close();
  await bot.close();
});

describe(`Telegram and the bot (${storeName})`, () => {
  it('sends the menu as an inline keyboard and hands over when the client presses "Talk to a person"', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Natalia', online: true }],
      channels: [
        {
          name: 'telegram',
          kind: 'telegram',
          settings: {
            botToken: bot.token,
            mode: 'webhook',
            secret: TELEGRAM_SECRET,
            apiRoot: bot.url,
            bot: {
              mode: 'builtin',
              menu: [
                { id: 'hours', label: { en: 'Opening hours' }, answer: { en: 'We work 9 to 18.' } },
                { id: 'person', label: { en: 'Talk to a person' }, handOver: true },
              ],
            },
          },
        },
      ],
    });
    const channel = account.channels.telegram!;
    const olga = chat();
    const hello = olga.update('text-message', { text: 'Hello there' });
    expect((await postUpdate(server.url, channel.publicKey, TELEGRAM_SECRET, hello)).status).toBe(
      200,
    );

    const menu = await waitFor('the greeting with its keyboard', async () =>
      bot
        .callsTo('sendMessage')
        .find((c) => c.fields.chat_id === String(olga.id) && c.fields.reply_markup),
    );
    const keyboard = JSON.parse(menu.fields.reply_markup!) as {
      inline_keyboard: { text: string; callback_data: string }[][];
    };
    expect(keyboard.inline_keyboard).toEqual([
      [{ text: 'Opening hours', callback_data: 'menu:hours' }],
      [{ text: 'Talk to a person', callback_data: 'menu:person' }],
    ]);

    const press = {
      update_id: hello.update_id + 1,
      callback_query: {
        id: `cb-${olga.id}`,
        chat_instance: '42',
        from: { id: olga.id, is_bot: false, first_name: 'Olga' },
        data: 'menu:person',
        message: {
          message_id: 1001,
          date: Math.floor(Date.now() / 1000),
          chat: { id: olga.id, type: 'private', first_name: 'Olga' },
          from: { id: 123456789, is_bot: true, first_name: 'Support' },
          text: menu.fields.text,
          reply_markup: keyboard,
        },
      },
    };
    expect((await postUpdate(server.url, channel.publicKey, TELEGRAM_SECRET, press)).status).toBe(
      200,
    );
    await waitFor('the spinner to be stopped', async () =>
      bot
        .callsTo('answerCallbackQuery')
        .find((c) => c.fields.callback_query_id === `cb-${olga.id}`),
    );
    const db = server.sb.services.db;
    const conv = await waitFor('the hand-over and assignment', async () => {
      const row = await db
        .selectFrom('conversations')
        .selectAll()
        .where('account_id', '=', account.accountId)
        .executeTakeFirst();
      return row?.state === 'assigned' ? row : null;
    });
    expect(conv.handed_over_at).not.toBeNull();
    const said = await db
      .selectFrom('messages')
      .select(['author_kind', 'text'])
      .where('conversation_id', '=', conv.id)
      .orderBy('seq')
      .execute();
    expect(said.filter((m) => m.author_kind === 'contact').map((m) => m.text)).toEqual([
      'Hello there',
      'Talk to a person',
    ]);
  });
});
