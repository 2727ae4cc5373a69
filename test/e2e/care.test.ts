// Automatic care in Chromium (issue 17) against a real Switchboard whose clock
// the test moves forward (the server's clock is a parameter; the caretaker
// sweeps every 200 ms so it sees the moved clock at once):
// - auto-close: the visitor in the widget is warned a minute before, writes,
//   and the close is cancelled; after the operator's next message and another
//   silence the widget shows the close notice;
// - an angry message jumps the queue: the operator's queue and the
//   supervisor's monitor show it first, flagged, and the supervisor is told.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { buildWebIfStale, buildWidgetIfStale } from '../support/web-build.js';

const E2E_TIMEOUT = 120_000;
const SHOTS = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : join(tmpdir(), 'sb-shots');

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}
const MIN = 60_000;
let offset = 0;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  buildWebIfStale();
  buildWidgetIfStale();
  server = await startTestServer({
    now: () => new Date(Date.now() + offset),
    config: { autoCloseSweepMs: 200 },
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

async function call(headers: LoginHeaders, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function logIn(page: Page, who: { email: string; password: string }) {
  await page.goto(server.url);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.header .who').waitFor();
  await page.locator('.connection-online').waitFor();
}

/** The widget's system notes, without "Tatiana joined the chat". */
const systemNotes = async (page: Page) =>
  (await page.locator('[data-switchboard-widget] .msg.system').allTextContents()).filter(
    (text) => !text.endsWith('joined the chat'),
  );

describe('automatic care in Chromium', () => {
  it(
    'closes an idle chat after a minute’s warning, and a message in that minute cancels it',
    async () => {
      const account: TestAccount = await buildAccount(server.sb.services, {
        teams: [{ name: 'Desk', mode: 'least_loaded' }],
        operators: [{ name: 'Tatiana', teams: ['Desk'], limit: 5, online: true }],
        channels: [
          {
            name: 'shop',
            kind: 'widget',
            team: 'Desk',
            settings: { demo: true, autoCloseMs: 5 * MIN },
          },
        ],
      });
      const tatiana = await loginHeaders(server.url, account.operator('Tatiana'));
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/demo`);
      await page.getByRole('button', { name: /^Open chat/ }).click();
      const composer = page.getByRole('textbox', { name: 'Write a message…' });
      const say = async (text: string) => {
        await composer.fill(text);
        await composer.press('Enter');
      };
      await say('Hello, is my order on its way?');

      const conversationOf = async () =>
        server.sb.services.db
          .selectFrom('conversations')
          .select(['id', 'state', 'closed_by'])
          .where('channel_id', '=', account.channels.shop!.id)
          .orderBy('created_at', 'desc')
          .executeTakeFirst();
      await expect.poll(async () => (await conversationOf())?.state).toBe('assigned');
      const { id } = (await conversationOf())!;
      await call(tatiana, 'POST', `/conversations/${id}/messages`, {
        text: 'Yes, it ships today.',
      });
      await page
        .locator('[data-switchboard-widget] .bubble', { hasText: 'it ships today' })
        .waitFor();

      // Four minutes of silence: the last minute begins with a warning.
      offset += 4 * MIN;
      await expect
        .poll(() => systemNotes(page), { timeout: 20_000 })
        .toEqual([
          'Are you still there? This conversation will be closed in a minute due to inactivity. Write anything to keep it open.',
        ]);
      // The visitor answers within the minute: nothing closes, however long after.
      await say('Still here, thanks!');
      await expect
        .poll(async () =>
          server.sb.services.db
            .selectFrom('messages')
            .select('text')
            .where('conversation_id', '=', id)
            .where('author_kind', '=', 'contact')
            .execute()
            .then((rows) => rows.length),
        )
        .toBe(2);
      offset += 3 * MIN;
      await server.sb.caretaker.sweep();
      expect((await conversationOf())?.state).toBe('assigned');
      expect((await systemNotes(page)).length).toBe(1);

      // The operator writes again; the client stays silent: warning, then the close.
      await call(tatiana, 'POST', `/conversations/${id}/messages`, { text: 'Anything else?' });
      await page
        .locator('[data-switchboard-widget] .bubble', { hasText: 'Anything else?' })
        .waitFor();
      offset += 4 * MIN;
      await expect.poll(async () => (await systemNotes(page)).length, { timeout: 20_000 }).toBe(2);
      offset += 1 * MIN;
      await expect
        .poll(async () => (await systemNotes(page)).at(-1), { timeout: 20_000 })
        .toBe('This conversation was closed due to inactivity. Write to us again any time.');
      await shot(page, 'auto-close-widget');
      expect(await conversationOf()).toMatchObject({ id, state: 'closed', closed_by: 'system' });

      // Writing again opens a new conversation.
      await say('One more question');
      await expect.poll(async () => (await conversationOf())?.id).not.toBe(id);
      await context.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'puts an angry client first in the operator’s queue and the supervisor’s monitor, and tells the supervisor',
    async () => {
      const account = await buildAccount(server.sb.services, {
        teams: [{ name: 'Desk', mode: 'manual' }],
        operators: [
          { name: 'Olga', teams: ['Desk'], limit: 3, online: true },
          { name: 'Natalia', role: 'supervisor', teams: ['Desk'], limit: 5, online: true },
        ],
        channels: [{ name: 'site', kind: 'widget', team: 'Desk' }],
      });
      const write = async (name: string, text: string) => {
        const { token } = await visitorSession(server.url, account.channels.site!.publicKey, {
          name,
        });
        const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ text }),
        });
        expect(res.status).toBe(201);
      };
      const olga = await (
        await browser.newContext({ viewport: { width: 1280, height: 800 } })
      ).newPage();
      await logIn(olga, account.operator('Olga'));
      const natalia = await (
        await browser.newContext({ viewport: { width: 1280, height: 800 } })
      ).newPage();
      await logIn(natalia, account.operator('Natalia'));
      await natalia.goto(`${server.url}/monitor`);
      await natalia.locator('.connection-online').waitFor();

      await write('Anna', 'Hello, could you tell me when my parcel arrives?');
      await olga.locator('.queue-row', { hasText: 'Anna' }).waitFor();
      offset += 10_000;
      await write('Boris', 'ТРЕТИЙ РАЗ ПИШУ!!! Верните деньги за заказ');

      // Olga's queue: Boris first, flagged; Anna, who came first, second and calm.
      const rows = olga.locator('.queue-row');
      await expect.poll(() => rows.first().textContent(), { timeout: 20_000 }).toContain('Boris');
      expect(await rows.first().getByTestId('flag-badge').textContent()).toContain(
        'Angry or urgent',
      );
      expect(await rows.nth(1).textContent()).toContain('Anna');
      expect(await rows.nth(1).getByTestId('flag-badge').count()).toBe(0);
      await shot(olga, 'flagged-queue');

      // The monitor: Boris first too, and the supervisor is told why.
      const monitorRows = natalia.locator('.assign-list .assign-row');
      await expect
        .poll(() => monitorRows.first().textContent(), { timeout: 20_000 })
        .toContain('Boris');
      expect(await monitorRows.first().getByTestId('flag-badge').count()).toBe(1);
      await expect
        .poll(() => natalia.locator('.toast').allTextContents())
        .toContainEqual(
          expect.stringContaining('Boris is angry or urgent: writes again, demands a refund'),
        );

      await shot(natalia, 'flagged-monitor');

      // Taking the first row takes Boris.
      await rows.first().getByRole('button', { name: 'Take' }).click();
      await olga.locator('.mine-row.flagged', { hasText: 'Boris' }).waitFor();
      await olga.context().close();
      await natalia.context().close();
    },
    E2E_TIMEOUT,
  );
});
