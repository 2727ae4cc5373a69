import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';
import { buildWebIfStale, buildWidgetIfStale } from '../support/web-build.js';

const E2E_TIMEOUT = 120_000;
const SHOTS = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : join(tmpdir(), 'sb-shots');
const PAGES: Record<string, string> = {
  '/': 'Kettles — Shop',
  '/cart': 'Your cart — Shop',
  '/delivery': 'Delivery terms — Shop',
};

let server: TestServer;
let browser: Browser;
let shopServer: Server;
let SHOP: string;
let account: TestAccount;
let visitor: Page;
let operator: Page;

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** A string: this file is type-checked without the DOM library. */
function inWidget<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(
    `(async () => { const root = document.querySelector('[data-switchboard-widget]').shadowRoot; return ${expression}; })()`,
  ) as Promise<T>;
}

const widgetText = (page: Page) => inWidget<string>(page, "root.querySelector('.log').textContent");

beforeAll(async () => {
  buildWidgetIfStale();
  buildWebIfStale();
  // A small limit, so the test can cross it with a small file.
  server = await startTestServer({ config: { maxUploadBytes: 256 * 1024 } });
  account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Tatiana', limit: 3, online: true }],
    channels: [{ name: 'site', kind: 'widget', priority: 1 }],
  });
  const key = account.channels.site!.publicKey;
  shopServer = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const title = PAGES[path];
    if (!title) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
      <body><h1>${title}</h1><script src="${server.url}/widget.js" data-channel="${key}" async></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
  SHOP = `http://127.0.0.1:${(shopServer.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  visitor = await (
    await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-US' })
  ).newPage();
  operator = await (
    await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true })
  ).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  shopServer?.close();
});

let conversationId = '';

describe('files and context from the visitor', () => {
  it(
    'a visitor pastes a screenshot, sees who joined, and the operator opens the file and sees where the visitor is',
    async () => {
      // The operator is at work in the app before the visitor writes.
      await operator.goto(server.url);
      await operator.getByLabel('E-mail').fill(account.operator('Tatiana').email);
      await operator.getByLabel('Password').fill(account.operator('Tatiana').password);
      await operator.getByRole('button', { name: 'Log in' }).click();
      await operator.locator('.header .who').waitFor();

      await visitor.goto(`${SHOP}/?utm=ad`, { referer: 'https://search.example/?q=kettle' });
      await visitor.getByRole('button', { name: /^Open chat/ }).click();
      const box = visitor.getByRole('textbox', { name: 'Write a message…' });
      await box.fill('Hello, the kettle in my cart looks different');
      await box.press('Enter');
      // The router gives the conversation to Tatiana; the widget says so in one line.
      await expect
        .poll(() => widgetText(visitor), { timeout: 20_000 })
        .toContain('Tatiana joined the chat');

      // A screenshot pasted into the message box is uploaded and sent as an image.
      await inWidget(
        visitor,
        `(async () => {
          const c = document.createElement('canvas'); c.width = 120; c.height = 80;
          const g = c.getContext('2d'); g.fillStyle = '#e11d48'; g.fillRect(0, 0, 120, 80);
          const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
          const dt = new DataTransfer();
          dt.items.add(new File([blob], 'image.png', { type: 'image/png' }));
          const box = root.querySelector('textarea');
          box.focus();
          box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        })()`,
      );
      await expect
        .poll(
          () =>
            inWidget<number>(
              visitor,
              "root.querySelector('.msg.mine.sent .files img')?.naturalWidth ?? 0",
            ),
          { timeout: 20_000 },
        )
        .toBe(120);
      await shot(visitor, 'widget-attachment');

      // The operator finds the conversation, the image in it, and opens it.
      await operator.locator('.mine-row').first().getByRole('button').first().click();
      conversationId = operator.url().split('/c/')[1] ?? '';
      expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
      const file = operator.getByRole('link', { name: /^Download screenshot-.*\.png$/ });
      await file.waitFor({ timeout: 20_000 });
      await expect
        .poll(() => operator.evaluate("document.querySelector('.attachment img')?.naturalWidth"))
        .toBe(120);
      const [download] = await Promise.all([operator.waitForEvent('download'), file.click()]);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

      // Where the visitor is: the page, where they came from, browser, system, language, time.
      const card = operator.locator('.visitor-context');
      await expect.poll(() => card.textContent(), { timeout: 20_000 }).toContain('Kettles — Shop');
      const text = await card.textContent();
      expect(text).toContain('https://search.example/?q=kettle');
      expect(text).toMatch(/Chrom(e|ium) \d+/);
      expect(text).toContain('Linux');
      expect(text).toContain('en-US');
      expect(text).toContain('Local time');

      // A single-page site changes address and title without a reload: the card follows live.
      await visitor.evaluate(
        `history.pushState(null, '', '/cart'); document.title = 'Your cart — Shop';`,
      );
      await expect
        .poll(() => card.textContent(), { timeout: 20_000 })
        .toContain('Your cart — Shop');
      await shot(operator, 'visitor-context');
    },
    E2E_TIMEOUT,
  );

  it(
    'the operator sends the visitor to another page, and the widget says so there',
    async () => {
      await operator.getByRole('button', { name: 'Go to URL' }).click();
      const dialog = operator.getByRole('dialog', { name: 'Send the visitor to a page' });
      const address = dialog.getByRole('textbox', { name: /Page address/ });
      await address.fill(`${SHOP}/delivery`);
      await dialog.getByRole('button', { name: 'Send the visitor' }).click();
      await visitor.waitForURL(`${SHOP}/delivery`, { timeout: 20_000 });
      await visitor
        .getByRole('button', { name: /^Close chat|^Open chat/ })
        .first()
        .waitFor();
      await expect
        .poll(() => widgetText(visitor).catch(() => ''), { timeout: 20_000 })
        .toContain(`The operator opened this page for you: ${SHOP}/delivery`);
      // The new page is reported too.
      await expect
        .poll(() => operator.locator('.visitor-context').textContent(), { timeout: 20_000 })
        .toContain('Delivery terms — Shop');
    },
    E2E_TIMEOUT,
  );
});

describe('the limits on files, before anything is uploaded', () => {
  it(
    'tells the visitor why a file of another type or over the size limit is not sent, and sends a dropped one',
    async () => {
      const picker = visitor.locator('[data-switchboard-widget] input[type=file]');
      const note = visitor.locator('[data-switchboard-widget] .file-note');
      const uploads: string[] = [];
      visitor.on('request', (r) => {
        if (r.url().includes('/visitor/uploads')) uploads.push(r.url());
      });
      // The paperclip opens the browser's file chooser.
      const [chooser] = await Promise.all([
        visitor.waitForEvent('filechooser'),
        visitor.getByRole('button', { name: 'Attach a file' }).click(),
      ]);
      expect(chooser.isMultiple()).toBe(true);
      await chooser.setFiles({
        name: 'setup.exe',
        mimeType: 'application/x-msdownload',
        buffer: Buffer.from('MZ'),
      });
      await expect
        .poll(() => note.textContent())
        .toBe('setup.exe cannot be sent: images, PDF, text and office files can.');
      const big = Buffer.alloc(300 * 1024);
      big.set([0x89, 0x50, 0x4e, 0x47]);
      await picker.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: big });
      await expect
        .poll(() => note.textContent())
        .toBe('photo.png is too large: files up to 256 kB can be sent.');
      expect(await note.getAttribute('role')).toBe('alert');
      expect(uploads).toEqual([]);

      // A file dropped on the panel goes up and into the conversation.
      await inWidget(
        visitor,
        `(async () => {
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], 'terms.pdf', { type: 'application/pdf' }));
          const panel = root.querySelector('.panel');
          panel.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
          panel.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        })()`,
      );
      await expect
        .poll(
          () => visitor.locator('[data-switchboard-widget] .msg.mine.sent a.file').textContent(),
          {
            timeout: 20_000,
          },
        )
        .toBe('Attachment: terms.pdf (5 B)');
      expect(await note.isHidden()).toBe(true);
    },
    E2E_TIMEOUT,
  );
});

describe('dialogs and the narrow layout in the operator app', () => {
  it(
    'moves focus into a dialog, closes it with Escape, gives focus back, and keeps shortcuts quiet behind it',
    async () => {
      const opener = operator.getByRole('button', { name: 'Go to URL' });
      await opener.focus();
      await opener.press('Enter');
      const dialog = operator.getByRole('dialog', { name: 'Send the visitor to a page' });
      await dialog.waitFor();
      expect(await operator.evaluate('document.activeElement.name')).toBe('url');
      // Alt+N (next conversation) and ? do nothing while the dialog is open.
      const url = operator.url();
      await operator.keyboard.press('Alt+KeyN');
      await operator.keyboard.press('Shift+Slash');
      expect(await operator.getByRole('dialog').count()).toBe(1);
      expect(operator.url()).toBe(url);
      await operator.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await operator.evaluate('document.activeElement.textContent')).toBe('Go to URL');

      // The shortcut help: `?` opens it, focus inside, Escape closes it.
      await operator.locator('.conversation-title h2').click();
      await operator.keyboard.press('Shift+Slash');
      const help = operator.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await help.waitFor();
      expect(await operator.evaluate("document.activeElement.closest('dialog') !== null")).toBe(
        true,
      );
      await operator.keyboard.press('Escape');
      await help.waitFor({ state: 'detached' });
    },
    E2E_TIMEOUT,
  );

  it(
    'at 768 px the contact drawer never covers Send or the actions, and closes with Escape or a click outside',
    async () => {
      await operator.setViewportSize({ width: 768, height: 1024 });
      await operator.goto(`${server.url}/c/${conversationId}`);
      await operator.getByRole('textbox', { name: 'Message' }).waitFor();
      const toggle = operator.getByRole('button', { name: 'Contact', exact: true });
      await toggle.click();
      const drawer = operator.locator('.contact-card');
      await operator.getByRole('heading', { name: 'History' }).waitFor();
      /** The element at the centre of the control is the control itself (or inside it). */
      const onTop = (selector: string) =>
        operator.evaluate(
          `(() => { const el = document.querySelector(${JSON.stringify(selector)});
            const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return r.width > 0 && r.bottom <= innerHeight && el.contains(hit); })()`,
        );
      expect(await onTop('.composer button[aria-keyshortcuts="Enter"]')).toBe(true);
      const actions = await operator.evaluate(
        `[...document.querySelectorAll('.conversation-head .toolbar button:not(.contact-toggle)')].map((el) => {
          const r = el.getBoundingClientRect();
          return [el.textContent, el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2))];
        })`,
      );
      expect(actions).toEqual([
        ['Go to URL', true],
        ['Transfer', true],
        ['Block', true],
        ['Close', true],
      ]);
      await shot(operator, 'tablet-drawer');

      await operator.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      expect(await operator.evaluate('document.activeElement.textContent')).toBe('Contact');

      await toggle.click();
      await drawer.waitFor({ state: 'visible' });
      await operator.locator('.conversation-head h2').click();
      await drawer.waitFor({ state: 'hidden' });
    },
    E2E_TIMEOUT,
  );
});
