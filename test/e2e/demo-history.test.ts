// A fresh `switchboard start` (what `npm start` runs after its build): its own
// embedded PostgreSQL in a new DATA_DIR, the demo account with a week of
// lived history, and the supervisor's reports are full on first sight.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchSwitchboard, type SwitchboardProcess } from '../support/switchboard-process.js';
import { buildWebIfStale } from '../support/web-build.js';

let dataDir: string;
let node: SwitchboardProcess;
let browser: Browser;
let page: Page;
let startSeconds = 0;

async function ready(n: SwitchboardProcess): Promise<void> {
  let gone = false;
  void n.exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`switchboard exited:\n${n.output()}`);
    const ok = await fetch(`${n.url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Rows of the page's report tables once they have any. */
async function rows(selector: string): Promise<number> {
  await page.locator(selector).first().waitFor({ timeout: 30_000 });
  return page.locator(selector).count();
}

beforeAll(async () => {
  buildWebIfStale();
  dataDir = mkdtempSync(join(tmpdir(), 'sb-demo-history-'));
  // As root the embedded server runs as postgres, which must reach DATA_DIR.
  chmodSync(dataDir, 0o755);
  const started = Date.now();
  // The default of `npm start`: a week of history.
  node = await launchSwitchboard(dataDir, { SWITCHBOARD_DEMO_HISTORY_DAYS: '7' });
  await ready(node);
  startSeconds = (Date.now() - started) / 1000;
  console.log(`fresh start with a week of demo history: ${startSeconds.toFixed(1)} s`);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(node.url);
  await page.getByLabel('E-mail').fill('natalia@demo.test');
  await page.getByLabel('Password').fill('demo-password-for-tests');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('.header .who').waitFor();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (node) {
    node.child.kill('SIGTERM');
    await node.exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a fresh start shows a demo that has lived', () => {
  it('prints the history it played and the logins', () => {
    expect(node.output()).toMatch(/demo history played/);
    expect(node.output()).toContain('natalia@demo.test');
  });

  it('has statistics for the last week', async () => {
    await page.goto(`${node.url}/stats`);
    expect(await rows('.report-table tbody tr')).toBeGreaterThan(2);
    await expect
      .poll(() => page.getByText('Tatiana').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
  }, 60_000);

  it('has audited dialogs, passed and failed', async () => {
    await page.goto(`${node.url}/audit`);
    const failing = page.locator('section[aria-labelledby="audit-fail-title"] tbody tr');
    await failing.first().waitFor({ timeout: 30_000 });
    expect(await failing.count()).toBeGreaterThan(0);
  }, 60_000);

  it('has a staffing forecast with operators required and online', async () => {
    await page.goto(`${node.url}/staffing`);
    await page.locator('td[data-cell]').first().waitFor({ timeout: 30_000 });
    const busy = await page.locator('td[data-cell]:not([data-level="0"])').count();
    expect(busy).toBeGreaterThan(10);
    expect(await rows('table.schedule tbody tr')).toBeGreaterThan(5);
  }, 60_000);

  it('replays last week beside what happened', async () => {
    await page.goto(`${node.url}/replay`);
    const summary = page.getByRole('table', { name: 'Actual and replayed' });
    await summary.waitFor({ timeout: 60_000 });
    const conversations = summary.getByRole('row', { name: /^Conversations/ });
    const cells = await conversations.locator('td').allTextContents();
    expect(Number(cells[0])).toBeGreaterThan(20);
    expect(cells[1]).toBe(cells[0]);
  }, 90_000);
});
