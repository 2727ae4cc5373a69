import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { buildWebIfStale } from '../support/web-build.js';

// Set SCREENSHOTS=1 to refresh docs/screenshots/find*.png.
const SHOTS = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : join(tmpdir(), 'sb-shots');
mkdirSync(SHOTS, { recursive: true });

let server: TestServer;
let browser: Browser;
let account: TestAccount;
let page: Page;

beforeAll(async () => {
  buildWebIfStale();
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    teams: [{ name: 'Desk', mode: 'manual' }],
    operators: [{ name: 'Tatiana', teams: ['Desk'], online: true }],
    channels: [{ name: 'site', kind: 'widget', priority: 1, team: 'Desk' }],
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A visitor's conversation: many lines, the order question in the middle; then closed. */
async function pastConversation(): Promise<{ conversationId: string; seq: number }> {
  const { token } = await visitorSession(server.url, account.channels.site!.publicKey, {
    name: 'Olga',
  });
  const lines = [
    ...Array.from({ length: 25 }, (_, i) => `Уточнение номер ${i + 1}`),
    'Где мой заказ? Жду уже неделю',
    ...Array.from({ length: 25 }, (_, i) => `Ещё одна строка ${i + 1}`),
  ];
  let conversationId = '';
  let seq = 0;
  for (const [n, text] of lines.entries()) {
    const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text, clientKey: `olga-${n}` }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversationId: string; message: { seq: number } };
    conversationId = body.conversationId;
    if (text.startsWith('Где мой заказ')) seq = body.message.seq;
  }
  await perform(server.sb.services, account.system, (ctx) =>
    closeConversation(ctx, { conversationId }),
  );
  return { conversationId, seq };
}

describe('find', () => {
  it('finds a Russian message by another word form and opens the conversation at it', async () => {
    const { conversationId, seq } = await pastConversation();
    const who = account.operator('Tatiana');
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.header .who').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Find' }).click();
    await page.getByLabel('Search messages and contacts').fill('заказы');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hit = page.locator('.search-hit', { hasText: 'Жду уже неделю' });
    await hit.waitFor();
    expect(await hit.locator('mark').allTextContents()).toEqual(['заказ']);
    await page.screenshot({ path: join(SHOTS, 'find.png') });

    await hit.getByRole('link').click();
    await page.waitForURL(`**/c/${conversationId}?m=${seq}`);
    const found = page.locator(`.message.message-found[data-seq="${seq}"]`);
    await found.waitFor();
    expect(await found.textContent()).toContain('Где мой заказ?');
    await page.screenshot({ path: join(SHOTS, 'find-opened.png') });
    // Scrolled to it: the message lies inside the visible part of the message log.
    await expect
      .poll(() =>
        found.evaluate((el) => {
          const box = el.getBoundingClientRect();
          const log = el.closest('.messages')!.getBoundingClientRect();
          return box.top >= log.top && box.bottom <= log.bottom;
        }),
      )
      .toBe(true);
    const first = page.locator('.message[data-seq="1"]');
    expect(
      await first.evaluate((el) => {
        const log = el.closest('.messages')!.getBoundingClientRect();
        return el.getBoundingClientRect().bottom <= log.top;
      }),
    ).toBe(true);
  }, 90_000);
});
