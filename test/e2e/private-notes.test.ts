// A private note stays private, end to end in real Chromium (issue 15): a
// visitor chats in the built widget on the demo page; the operator, in the
// built operator app, writes a private note in that conversation and then a
// reply. The widget shows the reply and never the note — not in its DOM, not
// in anything its socket or the history API sent to the browser. The same
// operator writes a note and a reply in a Telegram and an e-mail conversation
// (over the API), and the fake Bot API and the SMTP sink get the replies only.
// Each reply is the fence: whatever the note could have caused comes before it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliveriesOf,
  startChannelServer,
  tokenHeaders,
  waitFor,
} from '../channels/support/channels.js';
import { type FakeBotApi, startFakeBotApi } from '../channels/support/fake-bot-api.js';
import { type SmtpSink, startSmtpSink } from '../channels/support/smtp-sink.js';
import { chat, postUpdate, TELEGRAM_SECRET } from '../channels/support/telegram.js';
import { buildAccount, type TestAccount, type TestServer } from '../support/harness.js';
import { buildWebIfStale } from '../support/web-build.js';

const E2E_TIMEOUT = 120_000;
const NOTE = 'chargeback-suspect-do-not-tell';
const ADDRESS = 'support@shop.example';

let server: TestServer;
let bot: FakeBotApi;
let smtp: SmtpSink;
let browser: Browser;
let account: TestAccount;

/** Evaluated in the page (a string: this file is type-checked without the DOM library). */
const widgetHtml = (page: Page) =>
  page.evaluate(
    "document.querySelector('[data-switchboard-widget]').shadowRoot.innerHTML",
  ) as Promise<string>;
const bubbles = (page: Page) => page.locator('[data-switchboard-widget] .bubble');

beforeAll(async () => {
  buildWebIfStale();
  if (!existsSync('widget/dist/widget.js'))
    execFileSync('npx', ['vite', 'build', '--config', 'widget/vite.config.ts'], { stdio: 'pipe' });
  [bot, smtp] = await Promise.all([startFakeBotApi(), startSmtpSink()]);
  server = await startChannelServer({
    smtp: { port: 0, host: '127.0.0.1', maxBytes: 5 * 1024 * 1024, hostname: 'switchboard.test' },
  });
  account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Natalia', online: true, limit: 10 }],
    channels: [
      { name: 'widget', kind: 'widget', priority: 1, settings: { demo: true } },
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
        settings: {
          address: ADDRESS,
          fromName: 'Shop',
          smtpHost: '127.0.0.1',
          smtpPort: smtp.port,
        },
      },
    ],
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await Promise.all([bot?.close(), smtp?.close()]);
});

describe('private notes in the browser', () => {
  it(
    'the widget shows the reply but never the note; Telegram and e-mail get only the reply',
    async () => {
      // The visitor, on the demo page. Everything the browser receives from the
      // visitor API (socket frames, history and other responses) is recorded.
      const visitorCtx = await browser.newContext({ locale: 'en-US' });
      const visitor = await visitorCtx.newPage();
      const frames: string[] = [];
      const responses: Promise<string>[] = [];
      visitor.on('websocket', (ws) =>
        ws.on('framereceived', (f) => frames.push(String(f.payload))),
      );
      visitor.on('response', (r) => {
        if (r.url().includes('/api/v1/visitor/')) responses.push(r.text().catch(() => ''));
      });
      await visitor.goto(`${server.url}/demo`);
      await visitor.getByRole('button', { name: /^Open chat/ }).click();
      const box = visitor.getByRole('textbox', { name: 'Write a message…' });
      await box.fill('Hello from the site');
      await box.press('Enter');

      // A Telegram client and an e-mail client write too.
      const telegramChat = chat();
      const update = await postUpdate(
        server.url,
        account.channels.telegram!.publicKey,
        TELEGRAM_SECRET,
        telegramChat.update('text-message'),
      );
      expect(update.status).toBe(200);
      await nodemailer
        .createTransport({
          host: '127.0.0.1',
          port: server.sb.channels.smtpPort!,
          secure: false,
          ignoreTLS: true,
        })
        .sendMail({
          from: 'olga@example.com',
          to: ADDRESS,
          subject: 'Order',
          text: 'Where is it?',
        });
      const conversations = await waitFor(
        'three conversations assigned to Natalia',
        async () => {
          const rows = await server.sb.services.db
            .selectFrom('conversations')
            .select(['id', 'channel_id'])
            .where('account_id', '=', account.accountId)
            .where('state', '=', 'assigned')
            .execute();
          return rows.length === 3 && rows;
        },
        20_000,
      );
      const of = (channel: string) =>
        conversations.find((c) => c.channel_id === account.channels[channel]!.id)!.id;

      // The operator, in the operator app: a private note, then the reply.
      const operator = await (
        await browser.newContext({ viewport: { width: 1400, height: 860 } })
      ).newPage();
      const natalia = account.operator('Natalia');
      await operator.goto(`${server.url}/c/${of('widget')}`);
      await operator.getByLabel('E-mail').fill(natalia.email);
      await operator.getByLabel('Password').fill(natalia.password);
      await operator.getByRole('button', { name: 'Log in' }).click();
      await operator.locator('.header .who').waitFor();
      if (!operator.url().endsWith(`/c/${of('widget')}`))
        await operator.goto(`${server.url}/c/${of('widget')}`);
      await operator.locator('.message-contact', { hasText: 'Hello from the site' }).waitFor();
      await operator.getByRole('button', { name: 'Private note' }).click();
      await operator.locator('.note-composer textarea').fill(`${NOTE} @Natalia`);
      await operator.getByRole('button', { name: 'Add note' }).click();
      await operator.getByTestId('note').filter({ hasText: NOTE }).waitFor();
      await operator.getByRole('button', { name: 'Reply', exact: true }).click();
      const message = operator.getByRole('textbox', { name: 'Message' });
      await message.fill('Hi! Your order ships today.');
      await message.press('Enter');
      await operator
        .locator('.message-operator:not(.pending-sending)', {
          hasText: 'Hi! Your order ships today.',
        })
        .waitFor();

      // The same operator over the API in the Telegram and e-mail conversations.
      const headers = await tokenHeaders(server.sb.services, account.scopeOf('Natalia'));
      const replies: string[] = [];
      for (const channel of ['telegram', 'email']) {
        const note = await fetch(`${server.url}/api/v1/conversations/${of(channel)}/notes`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ text: `${NOTE} @Natalia` }),
        });
        expect(note.status).toBe(201);
        const reply = await fetch(`${server.url}/api/v1/conversations/${of(channel)}/messages`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ text: `Reply on ${channel}` }),
        });
        expect(reply.status).toBe(201);
        replies.push(((await reply.json()) as { message: { id: string } }).message.id);
      }

      // The widget shows the reply (the fence), and nothing of the note.
      await expect
        .poll(() => bubbles(visitor).allTextContents(), { timeout: 20_000 })
        .toContain('Hi! Your order ships today.');
      expect(await widgetHtml(visitor)).not.toContain(NOTE);
      // A fresh load reads the conversation from the history API: still no note.
      await visitor.reload();
      await expect
        .poll(() => bubbles(visitor).allTextContents(), { timeout: 20_000 })
        .toEqual(['Hello from the site', 'Hi! Your order ships today.']);
      expect(await widgetHtml(visitor)).not.toContain(NOTE);
      const received = {
        socket: frames.join('\n'),
        api: (await Promise.all(responses)).join('\n'),
      };
      // Both did carry the conversation, so their silence about the note means something.
      expect(received.socket).toContain('Hi! Your order ships today.');
      expect(received.api).toContain('Hi! Your order ships today.');
      expect(received.socket).not.toContain(NOTE);
      expect(received.api).not.toContain(NOTE);

      // Telegram and e-mail: once each reply went out, each got it and not the note.
      await waitFor('both replies sent', async () => {
        const sent = (await deliveriesOf(server.sb.services, account.accountId)).filter(
          (d) => d.message_id && replies.includes(d.message_id) && d.status === 'sent',
        );
        return sent.length === 2;
      });
      const telegram = JSON.stringify(bot.calls);
      const email = smtp.mails.map((m) => `${m.subject}\n${m.text}\n${m.html || ''}`).join('\n');
      expect(telegram).toContain('Reply on telegram');
      expect(email).toContain('Reply on email');
      expect(telegram).not.toContain(NOTE);
      expect(email).not.toContain(NOTE);
    },
    E2E_TIMEOUT,
  );
});
