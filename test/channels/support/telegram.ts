// Recorded Telegram updates (src/channels/telegram/fixtures), re-addressed per
// test so tests sharing one fake Bot API never see each other's chats.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAccount, type TestServer } from '../../support/harness.js';
import { messagesOf, tokenHeaders, waitFor } from './channels.js';
import type { FakeBotApi } from './fake-bot-api.js';

const FIXTURES = join(import.meta.dirname, '../../../src/channels/telegram/fixtures');

export type Update = Record<string, unknown> & { update_id: number };

export function fixture(name: string): Update {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Update;
}

let nextChat = 700_000_000;
let nextUpdate = 900_000_000;

/** A fresh private chat: its updates carry new ids but the recorded shape. */
export function chat() {
  const id = nextChat++;
  let messageId = 1;
  return {
    id,
    update(name: string, patch: Record<string, unknown> = {}): Update {
      const u = fixture(name);
      const body = (u.message ?? u.edited_message) as Record<string, unknown>;
      body.message_id = messageId++;
      (body.chat as Record<string, unknown>).id = id;
      (body.from as Record<string, unknown>).id = id;
      Object.assign(body, patch);
      u.update_id = nextUpdate++;
      return u;
    },
  };
}

export async function postUpdate(
  url: string,
  publicKey: string,
  secret: string | null,
  body: unknown,
) {
  return fetch(`${url}/api/v1/channels/telegram/${publicKey}/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const TELEGRAM_SECRET = 'telegram-webhook-secret-0123456789';

/** An account with a webhook-mode Telegram channel on the fake Bot API, and an admin who replies over HTTP. */
export async function telegramAccount(server: TestServer, bot: FakeBotApi) {
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
        },
      },
    ],
  });
  const channel = account.channels.telegram!;
  const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  const reply = async (conversationId: string, text: string) => {
    const res = await fetch(`${server.url}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text }),
    });
    if (res.status !== 201) throw new Error(`reply failed: ${res.status}`);
    return ((await res.json()) as { message: { id: string } }).message.id;
  };
  /** The first client message, once the inbox worker has stored it. */
  const firstMessage = async () =>
    (
      await waitFor('the message', async () => {
        const r = await messagesOf(server.sb.services, account.accountId);
        return r.length > 0 && r;
      })
    )[0]!;
  return { account, channel, headers, reply, firstMessage };
}
