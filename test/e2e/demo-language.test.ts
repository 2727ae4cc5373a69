import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, startTestServer, type TestServer } from '../support/harness.js';
import { buildWidgetIfStale } from '../support/web-build.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  buildWidgetIfStale();
  server = await startTestServer();
  // A light brand colour: white text would fail WCAG AA on it.
  await buildAccount(server.sb.services, {
    channels: [{ name: 'shop chat', kind: 'widget', settings: { demo: true, color: '#ffd54f' } }],
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the demo shop in Chromium', () => {
  for (const [locale, open] of [
    ['ru-RU', 'Открыть чат'],
    ['en-GB', 'Open chat'],
  ] as const) {
    it(`shows the widget in the browser's language (${locale})`, async () => {
      const context = await browser.newContext({ locale });
      try {
        const page = await context.newPage();
        await page.goto(`${server.url}/demo`);
        const launcher = page.getByRole('button', { name: new RegExp(`^${open}`) });
        await expect.poll(() => launcher.isVisible(), { timeout: 20_000 }).toBe(true);
        await launcher.click();
        const header = page.locator('[data-switchboard-widget] header');
        await expect.poll(() => header.isVisible()).toBe(true);
        // Dark text on the light yellow, as the contrast rule chose.
        const color = await page.evaluate(
          "getComputedStyle(document.querySelector('[data-switchboard-widget]').shadowRoot.querySelector('header')).color",
        );
        expect(color).toBe('rgb(0, 0, 0)');
        // The default title is the account's name, not the channel's.
        expect(await page.locator('[data-switchboard-widget] h2').textContent()).toMatch(/^Test /);
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
