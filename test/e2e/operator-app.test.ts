// The built operator app (web/dist) in real Chromium against a real
// Switchboard: an operator logs in, a client writes through the visitor API,
// the conversation waits with a running timer that turns yellow and red, the
// operator takes it, answers with a canned response, sees the client's draft,
// transfers it, and closes another one with a category.
// Set SCREENSHOTS=1 to refresh docs/screenshots/*.png.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { buildWebIfStale } from '../support/web-build.js';
import { connect, type TestSocket } from '../support/ws-client.js';

const E2E_TIMEOUT = 90_000;
const SHOTS = process.env.SCREENSHOTS === '1' ? 'docs/screenshots' : join(tmpdir(), 'sb-shots');

let server: TestServer;
let browser: Browser;
let account: TestAccount;
let page: Page;
let admin: Record<string, string>;

async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  headers = admin,
): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

interface Client {
  token: string;
  conversationId: string;
  write(text: string): Promise<void>;
}

/** A website visitor who writes through the visitor API. */
async function client(name: string, text: string): Promise<Client> {
  const { token } = await visitorSession(server.url, account.channels.site!.publicKey, { name });
  let n = 0;
  let conversationId = '';
  const write = async (t: string) => {
    n += 1;
    const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: t, clientKey: `${name}-${n}` }),
    });
    expect(res.status).toBe(201);
    conversationId = ((await res.json()) as { conversationId: string }).conversationId;
  };
  await write(text);
  return {
    token,
    get conversationId() {
      return conversationId;
    },
    write,
  };
}

async function logIn(target: Page, who: { email: string; password: string }) {
  await target.goto(server.url);
  await target.getByLabel('E-mail').fill(who.email);
  await target.getByLabel('Password').fill(who.password);
  await target.getByRole('button', { name: 'Log in' }).click();
  await target.locator('.header .who').waitFor();
}

function queueRow(name: string) {
  return page.locator('.queue-row', { hasText: name });
}

async function shot(name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  buildWebIfStale();
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    teams: [
      { name: 'Desk', mode: 'manual' },
      { name: 'Billing', mode: 'least_loaded' },
    ],
    operators: [
      { name: 'Olga', teams: ['Desk'], limit: 3 },
      { name: 'Boris', teams: ['Desk', 'Billing'], limit: 5, online: true },
    ],
    channels: [
      {
        name: 'site',
        kind: 'widget',
        priority: 1,
        team: 'Desk',
        settings: { typingPreview: true },
      },
    ],
  });
  admin = await loginHeaders(server.url, account.admin);
  // Short thresholds so colours change within the test; closing needs a category.
  await api('PATCH', '/account', {
    settings: { sla: { yellowMs: 2000, redMs: 4000 }, categoryRequired: true },
  });
  await api('POST', '/categories', { name: 'Delivery' });
  await api('POST', '/canned-responses', {
    shortcut: 'hi',
    text: 'Hello, {{contact.name}}! I am {{operator.name}}. How can I help?',
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
}, 180_000);

/** What Chromium reported as blocked by the app's Content Security Policy. */
const cspViolations: string[] = [];

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('operator app', () => {
  let anna: Client;
  let maria: Client;
  let visitorSocket: TestSocket;

  it(
    'logs the operator in and switches her online',
    async () => {
      await logIn(page, account.operator('Olga'));
      await expect.poll(() => page.locator('.header .who').textContent()).toContain('Olga');
      await page.locator('.status-option', { hasText: 'Online' }).click();
      await expect
        .poll(async () => {
          const { operators } = await api<{ operators: { name: string; status: string }[] }>(
            'GET',
            '/operators',
          );
          return operators.find((o) => o.name === 'Olga')?.status;
        })
        .toBe('online');
      await page.locator('.connection-online').waitFor();
    },
    E2E_TIMEOUT,
  );

  it(
    'shows a new conversation in the queue with a running timer that turns yellow, then red',
    async () => {
      anna = await client('Anna', 'Hello, where is my order? <b>not bold</b>');
      const row = queueRow('Anna');
      await row.waitFor();
      const timer = row.getByRole('timer');
      await expect.poll(() => timer.getAttribute('data-sla')).toBe('normal');
      const first = await timer.textContent();
      await expect.poll(() => timer.getAttribute('data-sla'), { timeout: 6000 }).toBe('yellow');
      expect(await timer.textContent()).not.toBe(first);
      maria = await client('Maria Garcia', 'Do you deliver to Kazan?');
      await expect.poll(() => timer.getAttribute('data-sla'), { timeout: 6000 }).toBe('red');
      await client('Олег', 'Здравствуйте, как вернуть товар?');
      await queueRow('Олег').waitFor();
      await expect
        .poll(() => queueRow('Maria Garcia').getByRole('timer').getAttribute('data-sla'))
        .toBe('yellow');
      await shot('queue');
    },
    E2E_TIMEOUT,
  );

  it(
    'tells the operator clearly when a colleague took the conversation first',
    async () => {
      const petr = await client('Petr', 'Is anyone there?');
      await queueRow('Petr').waitFor();
      const boris = await loginHeaders(server.url, account.operator('Boris'));
      // Boris wins the race: his take lands while Olga's click is in flight.
      await page.route('**/take', async (route) => {
        await api('POST', `/conversations/${petr.conversationId}/take`, {}, boris);
        await route.continue();
      });
      await queueRow('Petr').getByRole('button', { name: 'Take' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'another operator has already taken this conversation' })
        .waitFor();
      await page.unroute('**/take');
      await queueRow('Petr').waitFor({ state: 'detached' });
    },
    E2E_TIMEOUT,
  );

  it(
    'takes the conversation and shows the client text as text',
    async () => {
      await queueRow('Anna').getByRole('button', { name: 'Take' }).click();
      await page.waitForURL(`**/c/${anna.conversationId}`);
      await page.locator('.mine-row', { hasText: 'Anna' }).waitFor();
      const message = page.locator('.message-contact').first();
      await expect.poll(() => message.textContent()).toContain('<b>not bold</b>');
      expect(await message.locator('b').count()).toBe(0);
    },
    E2E_TIMEOUT,
  );

  it(
    'answers with a canned response and sees what the client is typing',
    async () => {
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.fill('/h');
      await page.getByRole('option', { name: /\/hi/ }).waitFor();
      await box.press('Enter');
      await expect.poll(() => box.inputValue()).toBe('Hello, Anna! I am Olga. How can I help?');
      await box.press('Enter');
      await page
        .locator('.message-operator:not(.pending-sending)', { hasText: 'Hello, Anna! I am Olga.' })
        .waitFor();
      const seen = await fetch(
        `${server.url}/api/v1/visitor/conversations/${anna.conversationId}/messages`,
        { headers: { authorization: `Bearer ${anna.token}` } },
      ).then((r) => r.json() as Promise<{ messages: { author: string; text: string }[] }>);
      expect(seen.messages.filter((m) => m.author === 'operator').map((m) => m.text)).toEqual([
        'Hello, Anna! I am Olga. How can I help?',
      ]);

      // Files attach by drag-and-drop and by paste, upload at once, and go with the next message.
      await page.evaluate(`(() => {
        const file = (name) => { const d = new DataTransfer(); d.items.add(new File(['order 42'], name, { type: 'text/plain' })); return d; };
        document.querySelector('.composer').dispatchEvent(new DragEvent('drop', { dataTransfer: file('dropped.txt'), bubbles: true, cancelable: true }));
        document.querySelector('.composer textarea').dispatchEvent(new ClipboardEvent('paste', { clipboardData: file('pasted.txt'), bubbles: true, cancelable: true }));
      })()`);
      await page.locator('.draft-done', { hasText: 'dropped.txt' }).waitFor();
      await page.locator('.draft-done', { hasText: 'pasted.txt' }).waitFor();
      await box.fill('Here is your receipt');
      await box.press('Enter');
      const sent = page.locator('.message-operator', { hasText: 'Here is your receipt' });
      await sent.getByRole('link', { name: 'Download dropped.txt' }).waitFor();
      const href = await sent
        .getByRole('link', { name: 'Download pasted.txt' })
        .getAttribute('href');
      expect(href).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);

      visitorSocket = await connect(`${server.wsUrl}/api/v1/visitor/ws?token=${anna.token}`);
      visitorSocket.send({ type: 'hello' });
      await visitorSocket.waitFor((m) => m.type === 'ready');
      const preview = page.getByTestId('typing-preview');
      // Typing signals are throttled and ephemeral: repeat until the preview shows.
      await expect
        .poll(
          async () => {
            visitorSocket.send({
              type: 'typing',
              conversationId: anna.conversationId,
              draft: 'I ordered the red shoes, number 42',
            });
            return (await preview.count()) > 0 ? preview.textContent() : '';
          },
          { timeout: 10_000, interval: 300 },
        )
        .toContain('I ordered the red shoes, number 42');
      await shot('conversation');
      await anna.write('I ordered the red shoes, number 42');
      await preview.waitFor({ state: 'detached' });
    },
    E2E_TIMEOUT,
  );

  it(
    'transfers the conversation to a colleague, who is alerted and reads the note',
    async () => {
      const borisContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const borisPage = await borisContext.newPage();
      await logIn(borisPage, account.operator('Boris'));
      await borisPage.locator('.connection-online').waitFor();

      await page.getByRole('button', { name: 'Transfer' }).click();
      const dialog = page.getByRole('dialog', { name: 'Transfer the conversation' });
      await dialog
        .getByLabel('Operator', { exact: true })
        .selectOption(account.operator('Boris').id);
      await dialog.getByLabel('Note for your colleague').fill('Wants to change the size');
      await dialog.getByRole('button', { name: 'Transfer' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('.mine-row', { hasText: 'Anna' }).waitFor({ state: 'detached' });
      const { conversation } = await api<{ conversation: { operatorId: string } }>(
        'GET',
        `/conversations/${anna.conversationId}`,
      );
      expect(conversation.operatorId).toBe(account.operator('Boris').id);
      await visitorSocket.close();

      await borisPage
        .getByRole('status')
        .filter({ hasText: 'A conversation was assigned to you.' })
        .waitFor();
      await borisPage.locator('.mine-row', { hasText: 'Anna' }).getByRole('button').click();
      await borisPage.getByText('Note from Olga:').waitFor();
      await borisPage.getByText('Wants to change the size').waitFor();
      await borisContext.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'opens the next conversation with Alt+N and closes it with a required category',
    async () => {
      const ivan = await client('Ivan', 'My parcel is late');
      await queueRow('Ivan').getByRole('button', { name: 'Take' }).click();
      await page.locator('.mine-row', { hasText: 'Ivan' }).waitFor();
      await page.goto(server.url);
      await page.locator('.empty-state').waitFor();
      await page.locator('.mine-row', { hasText: 'Ivan' }).waitFor();
      await page.keyboard.press('Alt+KeyN');
      await page.waitForURL(`**/c/${ivan.conversationId}`);
      // The shortcut acts on the open conversation: wait until it has loaded.
      await page.locator('.message', { hasText: 'My parcel is late' }).first().waitFor();

      await page.keyboard.press('Alt+KeyC');
      const dialog = page.getByRole('dialog', { name: 'Close the conversation' });
      await dialog.getByRole('button', { name: 'Close conversation' }).click();
      await dialog.getByText('Choose a category before closing.').waitFor();
      const category = dialog.getByLabel('Category (required)');
      expect(await category.getAttribute('aria-invalid')).toBe('true');
      await category.selectOption({ label: 'Delivery' });
      await dialog.getByLabel('Target', { exact: true }).check();
      await dialog.getByLabel('Note').fill('Courier delay');
      await dialog.getByRole('button', { name: 'Close conversation' }).click();
      await dialog.waitFor({ state: 'detached' });
      const { conversation } = await api<{
        conversation: { state: string; categoryId: string | null; targeted: boolean | null };
      }>('GET', `/conversations/${ivan.conversationId}`);
      expect(conversation.state).toBe('closed');
      expect(conversation.categoryId).not.toBeNull();
      expect(conversation.targeted).toBe(true);
    },
    E2E_TIMEOUT,
  );

  it(
    'switches the whole interface to Russian',
    async () => {
      await page.getByLabel('Language').selectOption('ru');
      await page.getByRole('heading', { name: 'Очередь' }).waitFor();
      await page.getByRole('heading', { name: 'Мои диалоги' }).waitFor();
      await page.getByLabel('Язык').selectOption('en');
    },
    E2E_TIMEOUT,
  );

  it(
    'lets the admin configure channels and supervise the monitor',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const adminPage = await context.newPage();
      await logIn(adminPage, account.admin);
      await adminPage.getByRole('link', { name: 'Monitor' }).click();
      await adminPage.getByRole('heading', { name: 'Live monitor' }).waitFor();
      await adminPage.getByRole('row', { name: /Boris/ }).waitFor();
      await adminPage.getByRole('row', { name: /^Desk \d/ }).waitFor();
      const previous = page;
      page = adminPage;
      await shot('monitor');

      // A supervisor assigns a waiting conversation; the operator is alerted.
      await adminPage
        .getByLabel('Assign the conversation with Maria Garcia')
        .selectOption(account.operator('Olga').id);
      await previous.locator('.mine-row', { hasText: 'Maria Garcia' }).waitFor();
      await previous
        .getByRole('status')
        .filter({ hasText: 'A conversation was assigned to you.' })
        .waitFor();
      const { conversation } = await api<{ conversation: { operatorId: string } }>(
        'GET',
        `/conversations/${maria.conversationId}`,
      );
      expect(conversation.operatorId).toBe(account.operator('Olga').id);

      await adminPage.getByRole('link', { name: 'Admin' }).click();
      await adminPage.getByRole('link', { name: 'Channels' }).click();
      await adminPage.getByRole('button', { name: 'Edit site' }).click();
      const dialog = adminPage.getByRole('dialog', { name: 'Edit the channel' });
      await dialog.getByLabel('Yellow after (seconds)').fill('20');
      await dialog.getByLabel('Red after (seconds)').fill('45');
      await shot('admin-channel');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      const { channels } = await api<{ channels: { name: string; settings: { sla?: unknown } }[] }>(
        'GET',
        '/channels',
      );
      expect(channels.find((c) => c.name === 'site')?.settings.sla).toEqual({
        yellowMs: 20_000,
        redMs: 45_000,
      });

      // The channel's own service-level target; emptied fields clear what was stored.
      await adminPage.getByRole('button', { name: 'Edit site' }).click();
      await dialog.getByLabel('Service level target (seconds)').fill('40');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      const site = async () =>
        (
          await api<{ channels: { name: string; settings: Record<string, unknown> }[] }>(
            'GET',
            '/channels',
          )
        ).channels.find((c) => c.name === 'site')?.settings;
      expect((await site())?.serviceLevelTargetMs).toBe(40_000);
      await adminPage.getByRole('button', { name: 'Edit site' }).click();
      await dialog.getByLabel('Yellow after (seconds)').fill('');
      await dialog.getByLabel('Red after (seconds)').fill('');
      await dialog.getByLabel('Service level target (seconds)').fill('');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await site()).not.toHaveProperty('sla');
      expect(await site()).not.toHaveProperty('serviceLevelTargetMs');
      page = previous;
      await context.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'fits a 768 px tablet without horizontal scrolling',
    async () => {
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.goto(`${server.url}/c/${maria.conversationId}`);
      await page.getByRole('textbox', { name: 'Message' }).waitFor();
      const width = await page.evaluate('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(768);
      await shot('tablet');
      // The contact card becomes a drawer on narrow screens.
      await page.getByRole('button', { name: 'Contact', exact: true }).click();
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await page.setViewportSize({ width: 1280, height: 800 });
    },
    E2E_TIMEOUT,
  );

  it('ran every step above under the Content Security Policy without a violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
