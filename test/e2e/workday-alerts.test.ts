import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { buildWebIfStale } from '../support/web-build.js';

const E2E_TIMEOUT = 90_000;
const SHOTS = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : join(tmpdir(), 'sb-shots');

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}
let server: TestServer;
let browser: Browser;
let account: TestAccount;

/** Records desktop notifications and chimes instead of showing and playing them. */
const RECORDER = `
  window.__shown = [];
  window.__chimes = 0;
  class RecordedNotification {
    static permission = 'granted';
    static async requestPermission() { return 'granted'; }
    constructor(title, options) { window.__shown.push({ title, body: options && options.body }); }
    close() {}
  }
  window.Notification = RecordedNotification;
  window.AudioContext = class {
    constructor() { window.__chimes += 1; this.currentTime = 0; this.destination = {}; }
    createOscillator() { return { frequency: {}, connect: (x) => x, start() {}, stop() {} }; }
    createGain() {
      return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (x) => x };
    }
  };
`;

async function context(): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await ctx.addInitScript(RECORDER);
  return ctx;
}

async function logIn(page: Page, who: { email: string; password: string }) {
  await page.goto(server.url);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.header .who').waitFor();
  await page.locator('.connection-online').waitFor();
}

const shown = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __shown: { title: string }[] }).__shown);

async function client(channel: string, name: string, text: string) {
  const { token } = await visitorSession(server.url, account.channels[channel]!.publicKey, {
    name,
  });
  const write = async (t: string) => {
    const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: t }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { conversationId: string }).conversationId;
  };
  const conversationId = await write(text);
  return { conversationId, write };
}

beforeAll(async () => {
  buildWebIfStale();
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    teams: [
      { name: 'Auto', mode: 'least_loaded' },
      { name: 'Desk', mode: 'manual' },
    ],
    operators: [
      { name: 'Tatiana', teams: ['Auto'], limit: 5, online: true },
      { name: 'Olga', teams: ['Desk'], limit: 3, online: true },
    ],
    channels: [
      { name: 'site', kind: 'widget', priority: 1, team: 'Auto' },
      { name: 'desk', kind: 'widget', priority: 1, team: 'Desk' },
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
});

describe('working-day alerts', () => {
  it(
    'alerts once, counts in the title and badges the row for a message in the background conversation',
    async () => {
      const anna = await client('site', 'Anna', 'Hello, where is my order?');
      const boris = await client('site', 'Boris', 'Hi, a question about delivery');
      const ctx = await context();
      const first = await ctx.newPage();
      await logIn(first, account.operator('Tatiana'));
      // A second tab of the same operator, on the workspace.
      const second = await ctx.newPage();
      await second.goto(server.url);
      await second.locator('.connection-online').waitFor();
      await first.goto(`${server.url}/c/${anna.conversationId}`);
      await first.locator('.message-contact', { hasText: 'where is my order' }).waitFor();
      const borisRow = first.locator('.mine-row', { hasText: 'Boris' });
      await borisRow.waitFor();
      // Opening the app read nothing of Boris's yet: his first message counts.
      await expect.poll(() => borisRow.getByTestId('unread-badge').textContent()).toContain('1');
      await expect.poll(() => first.title()).toBe('(1) Switchboard');
      const before = (await shown(first)).length + (await shown(second)).length;

      await boris.write('Is it shipped already?');
      await expect.poll(() => borisRow.getByTestId('unread-badge').textContent()).toContain('2');
      await expect.poll(() => first.title()).toBe('(2) Switchboard');
      await expect.poll(() => second.title()).toBe('(2) Switchboard');
      await expect
        .poll(async () => [...(await shown(first)), ...(await shown(second))].slice(before))
        .toEqual([{ title: 'New message from Boris', body: 'Is it shipped already?' }]);
      await expect
        .poll(() => borisRow.getByTestId('row-last').textContent())
        .toBe('Boris: Is it shipped already?');
      await shot(first, 'unread-alerts');

      // A message in the conversation on screen rings nowhere.
      await anna.write('Order 4417');
      await first.locator('.message-contact', { hasText: 'Order 4417' }).waitFor();
      await first
        .locator('.mine-row', { hasText: 'Anna' })
        .getByTestId('row-last')
        .filter({ hasText: 'Order 4417' })
        .waitFor();
      expect((await shown(first)).length + (await shown(second)).length).toBe(before + 1);

      // Opening Boris's conversation reads it, in both tabs.
      await borisRow.locator('.row-main').click();
      await first.locator('.message-contact', { hasText: 'Is it shipped already?' }).waitFor();
      await expect.poll(() => borisRow.getByTestId('unread-badge').count()).toBe(0);
      await expect.poll(() => second.title()).toBe('Switchboard');

      // A private note, styled apart; the client's side never gets it (test/channels/private-notes.test.ts).
      await first.getByRole('button', { name: 'Private note' }).click();
      await first
        .locator('.note-composer textarea')
        .fill('@Olga could you check the refund for Boris?');
      await first.getByRole('button', { name: 'Add note' }).click();
      const note = first.getByTestId('note').filter({ hasText: 'check the refund' });
      await note.waitFor();
      expect(await note.textContent()).toContain('Private note · only staff see it');
      expect(await note.textContent()).toContain('Mentioned: Olga');
      await shot(first, 'private-note');
      await ctx.close();
    },
    E2E_TIMEOUT,
  );

  it(
    "alerts a free operator of a client waiting in a manual team's queue",
    async () => {
      const ctx = await context();
      const page = await ctx.newPage();
      await logIn(page, account.operator('Olga'));
      const before = (await shown(page)).length;
      await client('desk', 'Petr', 'Is anyone there?');
      const row = page.locator('.queue-row', { hasText: 'Petr' });
      await row.waitFor();
      await expect
        .poll(async () => (await shown(page)).slice(before))
        .toEqual([{ title: 'A client is waiting', body: 'Petr is waiting in the queue.' }]);
      expect(
        await page.evaluate(() => (globalThis as unknown as { __chimes: number }).__chimes),
      ).toBe(1);
      const take = row.getByRole('button', { name: 'Take' });
      expect(await take.isEnabled()).toBe(true);
      await ctx.close();
    },
    E2E_TIMEOUT,
  );
});
