// The bot in front of the queue, end to end in Chromium (issue 17): a visitor
// asks a question in the widget, gets an article, says it did not help and is
// handed over; the operator finds the conversation in the queue only then,
// with a wait timer that starts at the hand-over, and reads the transcript.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../src/actions/articles/create-article.js';
import { perform } from '../../src/actions/context.js';
import { buildAccount, startTestServer, type TestServer } from '../support/harness.js';
import { buildWebIfStale, buildWidgetIfStale } from '../support/web-build.js';

const E2E_TIMEOUT = 90_000;

let server: TestServer;
let browser: Browser;
let shop: Server;
let SHOP: string;
let channelKey = '';

beforeAll(async () => {
  buildWebIfStale();
  buildWidgetIfStale();
  server = await startTestServer();
  // The customer's site, another origin, as in production.
  shop = createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1><script src="${server.url}/widget.js" data-channel="${channelKey}" async></script></body></html>`,
      );
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  SHOP = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  shop?.close();
});

describe('the bot in the browser', () => {
  it(
    'answers with an article, hands over on "No", and the operator sees the transcript and a wait from the hand-over',
    async () => {
      const account = await buildAccount(server.sb.services, {
        teams: [{ name: 'Desk', mode: 'manual' }],
        operators: [{ name: 'Olga', teams: ['Desk'], online: true }],
        channels: [
          {
            name: 'site',
            kind: 'widget',
            team: 'Desk',
            settings: { articleSearch: true, bot: { mode: 'builtin', menu: [] } },
          },
        ],
      });
      channelKey = account.channels.site!.publicKey;
      await perform(server.sb.services, account.scopeOf('admin'), (ctx) =>
        createArticle(ctx, {
          title: 'Delivery times',
          body: 'We deliver every order within **2–3 days**.',
          language: 'en',
          tags: ['delivery'],
          published: true,
        }),
      );

      const visitor = await (await browser.newContext()).newPage();
      await visitor.goto(`${SHOP}/`);
      await visitor.getByRole('button', { name: /^Open chat/ }).click();
      // Before the chat: the help search over published articles.
      await visitor.getByRole('searchbox', { name: 'Search help articles' }).fill('delivery');
      await visitor.keyboard.press('Enter');
      const found = visitor.locator('[data-switchboard-widget] .found summary');
      await expect
        .poll(() => found.allTextContents(), { timeout: 10_000 })
        .toEqual(['Delivery times']);
      await found.click();
      expect(
        await visitor.locator('[data-switchboard-widget] .found .article strong').textContent(),
      ).toBe('2–3 days');
      await visitor
        .getByRole('textbox', { name: 'Write a message…' })
        .fill('When will my order be delivered?');
      await visitor.keyboard.press('Enter');
      const widget = visitor.locator('[data-switchboard-widget]');
      await expect
        .poll(() => widget.locator('.bubble').allTextContents(), { timeout: 20_000 })
        .toContainEqual(expect.stringContaining('Delivery times'));
      expect(await widget.locator('.msg.theirs .who').first().textContent()).toBe('Assistant');

      const db = server.sb.services.db;
      const conv = await db
        .selectFrom('conversations')
        .selectAll()
        .where('account_id', '=', account.accountId)
        .executeTakeFirstOrThrow();
      expect(conv.state).toBe('bot');

      // The operator's workspace: nothing waits while the bot has the conversation.
      const desk = await (await browser.newContext()).newPage();
      const olga = account.operator('Olga');
      await desk.goto(server.url);
      await desk.getByLabel('E-mail').fill(olga.email);
      await desk.getByLabel('Password').fill(olga.password);
      await desk.getByRole('button', { name: 'Log in' }).click();
      await desk.locator('.header .who').waitFor();
      expect(await desk.locator('.queue-row').count()).toBe(0);
      // Time with the bot, so a wait counted from creation would show.
      await expect
        .poll(() => Date.now() - conv.created_at.getTime(), { timeout: 10_000 })
        .toBeGreaterThan(4000);

      await widget.locator('.choices button', { hasText: 'No' }).click();
      const row = desk.locator('.queue-row');
      await row.waitFor({ timeout: 20_000 });
      const handed = await db
        .selectFrom('conversations')
        .selectAll()
        .where('id', '=', conv.id)
        .executeTakeFirstOrThrow();
      expect(handed.state).toBe('queued');
      expect(handed.queued_at!.getTime()).toBe(handed.handed_over_at!.getTime());
      // The timer counts from the hand-over, seconds ago, not from the first message.
      const shown = (await row.getByRole('timer').textContent())!;
      const [m, s] = shown.split(':').map(Number);
      const shownMs = (m! * 60 + s!) * 1000;
      expect(shownMs).toBeLessThanOrEqual(Date.now() - handed.queued_at!.getTime() + 1000);
      expect(shownMs).toBeLessThan(handed.queued_at!.getTime() - conv.created_at.getTime());
      // The buttons are gone from the widget once a person is on the way.
      await expect.poll(() => widget.locator('.choices').count()).toBe(0);

      await row.locator('.row-main').click();
      await expect
        .poll(() => desk.locator('.message .message-text').allTextContents(), { timeout: 20_000 })
        .toEqual(
          expect.arrayContaining([
            'When will my order be delivered?',
            expect.stringContaining('Delivery times'),
            'Did that answer your question?',
            'No',
          ]),
        );
      await visitor.context().close();
      await desk.context().close();
    },
    E2E_TIMEOUT,
  );
});
