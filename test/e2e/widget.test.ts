import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform } from '../../src/actions/context.js';
import { event } from '../../src/events/catalog.js';
import { createSwitchboard } from '../../src/server.js';
import {
  buildAccount,
  openTestStore,
  startTestServer,
  type TestAccount,
  type TestOperator,
  type TestServer,
  testConfig,
} from '../support/harness.js';
import { buildWidgetIfStale } from '../support/web-build.js';
import { connect, type TestSocket } from '../support/ws-client.js';

const E2E_TIMEOUT = 90_000;
/**
 * The servers here trust X-Forwarded-For (TRUST_PROXY=true), as behind a load
 * balancer: login() below comes from many forwarded addresses.
 */
const BEHIND_PROXY = { trustProxy: true } as const;

let server: TestServer;
let browser: Browser;
/**
 * Customers' sites: a second HTTP server, so the widget runs cross-origin as in
 * production. It listens on loopback like Switchboard, because Chromium refuses
 * requests from a public-looking origin to a loopback address (Private Network Access).
 */
let shopServer: Server;
/** The shop's origin; `http://localhost:<port>` is the same server as another site. */
let SHOP: string;
const sites = new Map<string, { key: string; lang: string; base: string }>();

function shopHtml(site: { key: string; lang: string; base: string }) {
  return `<!doctype html><html lang="${site.lang}"><head><meta charset="utf-8"><title>Shop</title>
    <meta name="viewport" content="width=device-width, initial-scale=1"></head>
    <body><h1>Shop</h1><script src="${site.base}/widget.js" data-channel="${site.key}" async></script></body></html>`;
}

beforeAll(async () => {
  buildWidgetIfStale();
  server = await startTestServer({ config: BEHIND_PROXY });
  shopServer = createServer((req, res) => {
    // The first path segment names the site (which channel, language, Switchboard).
    const site = sites.get(req.url?.split('/')[1] ?? '');
    if (!site) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shopHtml(site));
  });
  await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
  SHOP = `http://127.0.0.1:${(shopServer.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  shopServer?.close();
});

// ---------------------------------------------------------------- helpers

interface Operator {
  id: string;
  socket: TestSocket;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** The visitor's message as the operator finds it. */
  received(text: string): Promise<{ id: string; conversationId: string }>;
  reply(conversationId: string, text: string): Promise<void>;
  /** Takes the conversation (or finds the router already gave it to this operator). */
  take(conversationId: string): Promise<void>;
  texts(conversationId: string): Promise<string[]>;
  upload(
    name: string,
    type: string,
    bytes: Buffer,
  ): Promise<{ id: string; name: string; contentType: string; size: number }>;
  headers: Record<string, string>;
}

let logins = 0;

/**
 * Logs in over HTTP like loginHeaders, each time from another (forwarded)
 * address: login is limited to 10 a minute per IP, and this file logs in more
 * often than that — as operators in different offices would.
 */
async function login(url: string, op: TestOperator): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${++logins}` },
    body: JSON.stringify({ email: op.email, password: op.password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

async function operatorOnline(
  account: TestAccount,
  name: string,
  url = server.url,
): Promise<Operator> {
  const op = account.operator(name);
  const headers = await login(url, op);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  await call('PUT', `/operators/${op.id}/status`, { status: 'online' });
  const socket = await connect(`${url.replace('http', 'ws')}/api/v1/ws`, {
    cookie: headers.cookie!,
  });
  socket.send({ type: 'hello' });
  await socket.waitFor((m) => m.type === 'ready');
  let keys = 0;
  return {
    id: op.id,
    socket,
    call,
    headers,
    async upload(name, type, bytes) {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type }), name);
      const { 'content-type': _json, ...auth } = headers;
      const res = await fetch(`${url}/api/v1/uploads`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { attachment: Awaited<ReturnType<Operator['upload']>> })
        .attachment;
    },
    async received(text) {
      // Read over REST: operators get the messages of conversations not yet theirs
      // only through the API, not the websocket (the queue shows waits, not dialogs).
      const deadline = Date.now() + 15_000;
      for (;;) {
        const { conversations } = await call<{ conversations: { id: string }[] }>(
          'GET',
          '/conversations?limit=50',
        );
        for (const c of conversations) {
          const { messages } = await call<{
            messages: { id: string; conversationId: string; text: string }[];
          }>('GET', `/conversations/${c.id}/messages`);
          const found = messages.find((m) => m.text === text);
          if (found) return found;
        }
        if (Date.now() > deadline) throw new Error(`the operator never received "${text}"`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async reply(conversationId, text) {
      await call('POST', `/conversations/${conversationId}/messages`, {
        text,
        clientKey: `op-${Date.now()}-${keys++}`,
      });
    },
    async take(conversationId) {
      const res = await fetch(`${url}/api/v1/conversations/${conversationId}/take`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      if (res.ok) return;
      const { conversation } = await call<{ conversation: { operatorId: string } }>(
        'GET',
        `/conversations/${conversationId}`,
      );
      expect(conversation.operatorId).toBe(op.id);
    },
    async texts(conversationId) {
      const { messages } = await call<{ messages: { text: string }[] }>(
        'GET',
        `/conversations/${conversationId}/messages`,
      );
      return messages.map((m) => m.text);
    },
  };
}

async function widgetAccount(settings: Record<string, unknown> = {}) {
  return buildAccount(server.sb.services, {
    operators: [{ name: 'Natalia', limit: 5 }],
    channels: [{ name: 'widget', kind: 'widget', priority: 1, settings }],
  });
}

/** What Chromium reports as blocked by a Content Security Policy on the page. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

const newContext = (options: Parameters<Browser['newContext']>[0] = {}) =>
  browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });

/** A customer's site on another origin, embedding the widget with the one-line snippet. */
async function shopPage(
  context: BrowserContext,
  channelKey: string,
  options: { lang?: string; base?: string } = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(shopSite(channelKey, options));
  return page;
}

/** The URL of a new shop site (a path on the shop server) embedding this channel. */
function shopSite(channelKey: string, options: { lang?: string; base?: string } = {}): string {
  const id = `site${sites.size + 1}`;
  sites.set(id, { key: channelKey, lang: options.lang ?? 'en', base: options.base ?? server.url });
  return `${SHOP}/${id}/`;
}

/**
 * Evaluates an expression in the page with `root` bound to the widget's shadow
 * root. A string, because this file is type-checked without the DOM library.
 */
function inShadow<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(
    `(() => { const root = document.querySelector('[data-switchboard-widget]').shadowRoot; return ${expression}; })()`,
  ) as Promise<T>;
}

const launcher = (page: Page) => page.locator('[data-switchboard-widget] .launcher');
const composer = (page: Page) => page.getByRole('textbox', { name: 'Write a message…' });
const bubbles = (page: Page) => page.locator('[data-switchboard-widget] .bubble');

async function openChat(page: Page) {
  await page.getByRole('button', { name: /^Open chat/ }).click();
  await expect.poll(() => composer(page).isVisible()).toBe(true);
}

async function say(page: Page, text: string) {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** Waits until the widget shows exactly these bubbles, in this order. */
async function expectBubbles(page: Page, texts: string[]) {
  await expect.poll(() => bubbles(page).allTextContents(), { timeout: 20_000 }).toEqual(texts);
}

async function expectAllSent(page: Page) {
  await expect
    .poll(
      () =>
        page.locator('[data-switchboard-widget] .msg.mine:not(.sent)').count() as Promise<number>,
      { timeout: 20_000 },
    )
    .toBe(0);
}

// ---------------------------------------------------------------- tests

describe('the website chat widget in Chromium', () => {
  it(
    'lets a visitor on the demo shop chat with an operator: replies, typing, draft preview, unread badge',
    async () => {
      const account = await widgetAccount({ demo: true, typingPreview: true });
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      const page = await context.newPage();
      const violations = cspViolations(page);
      await page.goto(`${server.url}/demo`);
      await expect.poll(() => launcher(page).isVisible()).toBe(true);
      // The demo page runs under the server's Content Security Policy (no inline
      // styles): the widget's stylesheet still applies inside its shadow root.
      const position = await page.evaluate(
        "getComputedStyle(document.querySelector('[data-switchboard-widget]').shadowRoot.querySelector('.launcher')).position",
      );
      expect(position).toBe('fixed');
      await openChat(page);

      await say(page, 'Hello! Is the Colombia roast in stock?');
      const first = await natalia.received('Hello! Is the Colombia roast in stock?');
      await expectAllSent(page);
      await natalia.take(first.conversationId);
      await natalia.reply(first.conversationId, 'Hi! Yes, 40 bags left.');
      await expectBubbles(page, [
        'Hello! Is the Colombia roast in stock?',
        'Hi! Yes, 40 bags left.',
      ]);
      await expect
        .poll(() => page.locator('[data-switchboard-widget] .who').first().textContent())
        .toBe('Natalia');

      // The operator types: the visitor sees it.
      natalia.socket.send({ type: 'typing', conversationId: first.conversationId });
      await expect
        .poll(() => page.locator('[data-switchboard-widget] .typing').textContent())
        .toBe('Operator is typing…');

      // The visitor types: the operator sees the live draft.
      await composer(page).pressSequentially('I would like two', { delay: 20 });
      await natalia.socket.waitFor(
        (m) => m.type === 'typing' && m.author === 'contact' && m.draft === 'I would like two',
        10_000,
      );

      // Closed panel: a reply shows as an unread badge, cleared on opening.
      await page.keyboard.press('Escape');
      await natalia.reply(first.conversationId, 'Anything else?');
      await expect
        .poll(() => page.locator('[data-switchboard-widget] .badge').textContent())
        .toBe('1');
      await expect(launcher(page).getAttribute('aria-label')).resolves.toBe('Open chat (1 unread)');
      await openChat(page);
      await expect
        .poll(() => page.locator('[data-switchboard-widget] .badge').isHidden())
        .toBe(true);
      // The open/closed state survives a page load.
      await page.reload();
      await expect.poll(() => composer(page).isVisible()).toBe(true);
      expect(violations).toEqual([]);
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'loses and doubles nothing when the network drops mid-conversation',
    async () => {
      const account = await widgetAccount();
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      const page = await shopPage(context, account.channels.widget!.publicKey);
      await openChat(page);
      await say(page, 'first');
      const { conversationId } = await natalia.received('first');
      await natalia.take(conversationId);
      await natalia.reply(conversationId, 'reply one');
      await expectBubbles(page, ['first', 'reply one']);

      await context.setOffline(true);
      await expect
        .poll(() => page.locator('[data-switchboard-widget] .notice').textContent())
        .toContain('No connection');
      await say(page, 'written offline 1');
      await say(page, 'written offline 2');
      await natalia.reply(conversationId, 'reply while you were away');
      await expect.poll(() => page.locator('[data-switchboard-widget] .msg.retry').count()).toBe(2);
      await expect(
        page.locator('[data-switchboard-widget] .msg.retry .state').first().textContent(),
      ).resolves.toBe('Not sent yet, will retry');
      const queued = (await page.evaluate(
        `localStorage.getItem('sbw:${account.channels.widget!.publicKey}:outbox')`,
      )) as string;
      expect(JSON.parse(queued)).toHaveLength(2);

      await context.setOffline(false);
      const expected = [
        'first',
        'reply one',
        'reply while you were away',
        'written offline 1',
        'written offline 2',
      ];
      await expectBubbles(page, expected);
      await expectAllSent(page);
      expect(await natalia.texts(conversationId)).toEqual(expected);
      // Stays that way: no late duplicate from a retry or a replayed event.
      await page.waitForTimeout(1500);
      await expectBubbles(page, expected);
      expect(await natalia.texts(conversationId)).toEqual(expected);
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'resumes the conversation after a reload, and sends once what was queued when the tab closed offline',
    async () => {
      const account = await widgetAccount();
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      const key = account.channels.widget!.publicKey;
      const site = shopSite(key);
      const page = await context.newPage();
      await page.goto(site);
      await openChat(page);
      await say(page, 'before reload');
      const { conversationId } = await natalia.received('before reload');
      await natalia.take(conversationId);
      await natalia.reply(conversationId, 'answer before reload');
      await expectBubbles(page, ['before reload', 'answer before reload']);

      await page.reload();
      await expectBubbles(page, ['before reload', 'answer before reload']);
      await natalia.reply(conversationId, 'after reload');
      await say(page, 'me again');
      await expectBubbles(page, [
        'before reload',
        'answer before reload',
        'after reload',
        'me again',
      ]);
      await natalia.received('me again');

      // Offline, write, close the tab; back online, a new tab sends the queued message once.
      await context.setOffline(true);
      await say(page, 'queued across tabs');
      await expect.poll(() => page.locator('[data-switchboard-widget] .msg.retry').count()).toBe(1);
      await page.close();
      await context.setOffline(false);
      const again = await context.newPage();
      await again.goto(site);
      const all = [
        'before reload',
        'answer before reload',
        'after reload',
        'me again',
        'queued across tabs',
      ];
      await expectBubbles(again, all);
      await expectAllSent(again);
      expect(await natalia.texts(conversationId)).toEqual(all);
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'survives a server restart: reconnects, resumes and delivers what was written meanwhile',
    async () => {
      const store = await openTestStore();
      const first = await startTestServer({ store, config: BEHIND_PROXY });
      const port = (first.sb.app.server.address() as AddressInfo).port;
      const account = await buildAccount(first.sb.services, {
        operators: [{ name: 'Natalia', limit: 5 }],
        channels: [{ name: 'widget', kind: 'widget', priority: 1 }],
      });
      const context = await newContext();
      let natalia = await operatorOnline(account, 'Natalia', first.url);
      const page = await shopPage(context, account.channels.widget!.publicKey, {
        base: first.url,
      });
      await openChat(page);
      await say(page, 'before restart');
      const { conversationId } = await natalia.received('before restart');
      await natalia.take(conversationId);
      await expectAllSent(page);

      await natalia.socket.close();
      await first.close();
      await say(page, 'while the server was down');
      await expect.poll(() => page.locator('[data-switchboard-widget] .msg.retry').count()).toBe(1);

      const second = await createSwitchboard(testConfig(BEHIND_PROXY), {
        store,
        logger: pino({ level: 'silent' }),
      });
      await second.app.listen({ port, host: '127.0.0.1' });
      second.config.publicUrl = first.url;
      try {
        await expectAllSent(page);
        natalia = await operatorOnline(account, 'Natalia', first.url);
        await natalia.reply(conversationId, 'back after restart');
        const expected = ['before restart', 'while the server was down', 'back after restart'];
        await expectBubbles(page, expected);
        await expectAllSent(page);
        expect(await natalia.texts(conversationId)).toEqual(expected);
        await natalia.socket.close();
      } finally {
        await context.close();
        await second.close();
        await store.close();
      }
    },
    E2E_TIMEOUT,
  );

  it(
    'starts a new session when the stored visitor token is refused',
    async () => {
      const account = await widgetAccount();
      const natalia = await operatorOnline(account, 'Natalia');
      const key = account.channels.widget!.publicKey;
      const context = await newContext();
      const site = shopSite(key);
      const page = await context.newPage();
      await page.goto(site);
      // A token signed with another secret (a rotated SECRET, another installation).
      await page.evaluate(`localStorage.setItem('sbw:${key}:token', 'v1.e30.forged');
        localStorage.setItem('sbw:${key}:conv', JSON.stringify({ id: '00000000-0000-4000-8000-000000000000', state: 'assigned', rating: null }));`);
      await page.reload();
      await openChat(page);
      await say(page, 'Hello after a token change');
      await natalia.received('Hello after a token change');
      await expectAllSent(page);
      await expectBubbles(page, ['Hello after a token change']);
      const token = (await page.evaluate(`localStorage.getItem('sbw:${key}:token')`)) as string;
      expect(token).not.toBe('v1.e30.forged');
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'keeps chatting over REST when a proxy blocks websockets',
    async () => {
      const account = await widgetAccount();
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      // Every websocket to Switchboard is refused, as by a corporate proxy.
      await context.routeWebSocket(/\/api\/v1\/visitor\/ws/, (ws) => ws.close({ code: 1006 }));
      const page = await shopPage(context, account.channels.widget!.publicKey);
      await openChat(page);
      await say(page, 'Behind a strict proxy');
      const { conversationId } = await natalia.received('Behind a strict proxy');
      await expectAllSent(page);
      await natalia.take(conversationId);
      await natalia.reply(conversationId, 'Polled reply');
      await expectBubbles(page, ['Behind a strict proxy', 'Polled reply']);
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'renders XSS payloads sent both ways as inert text',
    async () => {
      const payloads = [
        '<img src=x onerror="window.__xss=1">',
        '<script>window.__xss=1</script>',
        '"><svg onload="window.__xss=1"><b>bold</b>',
        '<a href="javascript:window.__xss=1">click me</a>',
        'javascript:window.__xss=1',
        '[link](javascript:window.__xss=1)',
        'http://example.com/"onmouseover="window.__xss=1"',
        '<iframe src="javascript:window.__xss=1"></iframe>',
        '&lt;b&gt;entities stay as typed&lt;/b&gt;',
        'data:text/html,<script>window.__xss=1</script>',
      ];
      const account = await widgetAccount();
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      const page = await shopPage(context, account.channels.widget!.publicKey);
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await openChat(page);
      for (const p of payloads) await say(page, p);
      const { conversationId } = await natalia.received(payloads.at(-1)!);
      await natalia.take(conversationId);
      for (const p of payloads) await natalia.reply(conversationId, p);
      await expectBubbles(page, [...payloads, ...payloads]);
      await expectAllSent(page);

      expect(await page.evaluate('window.__xss')).toBeUndefined();
      expect(dialogs).toBe(0);
      // Inside message bubbles the only elements are links the widget made, to http(s) only.
      const inner = await inShadow<
        { tag: string; href: string | null; rel: string; target: string; attrs: string[] }[]
      >(
        page,
        `[...root.querySelectorAll('.bubble *')].map((el) => ({
          tag: el.tagName, href: el.getAttribute('href'), rel: el.getAttribute('rel'),
          target: el.getAttribute('target'), attrs: el.getAttributeNames() }))`,
      );
      expect(inner.length).toBeGreaterThan(0);
      for (const el of inner) {
        expect(el.tag).toBe('A');
        expect(el.href).toMatch(/^https?:\/\//);
        expect(el.rel).toBe('noopener noreferrer');
        expect(el.target).toBe('_blank');
        expect(el.attrs.sort()).toEqual(['href', 'rel', 'target']);
      }
      // Hovering and clicking the one link that carries quotes does nothing either.
      await page.locator('[data-switchboard-widget] .bubble a').first().hover();
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      // The operator side stores exactly the text that was typed…
      expect(await natalia.texts(conversationId)).toEqual([...payloads, ...payloads]);
      await context.close();

      // …and the operator app (web/dist) shows it as inert text too.
      const app = await newContext();
      const desk = await app.newPage();
      let appDialogs = 0;
      desk.on('dialog', (d) => {
        appDialogs++;
        void d.dismiss();
      });
      await desk.goto(server.url);
      await desk.getByLabel('E-mail').fill(account.operator('Natalia').email);
      await desk.getByLabel('Password').fill(account.operator('Natalia').password);
      await desk.getByRole('button', { name: 'Log in' }).click();
      await desk.locator('.header .who').waitFor();
      await desk.goto(`${server.url}/c/${conversationId}`);
      const texts = desk.locator('.message .message-text');
      await expect
        .poll(() => texts.allTextContents(), { timeout: 20_000 })
        .toEqual([...payloads, ...payloads]);
      // Text segments as attribute-less spans, links as <a> to http(s) only.
      const appInner = (await desk.evaluate(
        `[...document.querySelectorAll('.message .message-text *')].map((el) =>
          [el.tagName, ...el.getAttributeNames().map((n) => n + '=' + el.getAttribute(n))].join(' '))`,
      )) as string[];
      for (const el of appInner)
        expect(el).toMatch(
          /^(SPAN|A href=https?:\/\/\S+ target=_blank rel=noopener noreferrer nofollow)$/,
        );
      expect(await desk.evaluate('window.__xss')).toBeUndefined();
      expect(appDialogs).toBe(0);
      await app.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'shows the launcher to the configured share of visitors, decided once per visitor',
    async () => {
      const share = 30;
      const account = await widgetAccount({ displayShare: share });
      const key = account.channels.widget!.publicKey;
      const context = await newContext();
      // Each fresh visitor reads the config; serve it from memory so the per-IP
      // rate limit of the real endpoint (all visitors here share 127.0.0.1) is not the test.
      const res = await fetch(`${server.url}/api/v1/widget/config?channelKey=${key}`);
      const config = await res.text();
      await context.route(`${server.url}/api/v1/widget/config*`, (route) =>
        route.fulfill({
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': '*' },
          body: config,
        }),
      );
      const page = await shopPage(context, key);
      const visitors = 1000;
      const script = (fresh: boolean, times: number, preset = '') => `(async () => {
        let shown = 0;
        for (let i = 0; i < ${times}; i++) {
          if (${fresh}) localStorage.clear();
          ${preset}
          document.querySelectorAll('[data-switchboard-widget], script[data-channel]').forEach((e) => e.remove());
          const got = await new Promise((resolve) => {
            addEventListener('switchboard-widget', (e) => resolve(e.detail.shown), { once: true });
            const s = document.createElement('script');
            s.src = '${server.url}/widget.js';
            s.dataset.channel = '${key}';
            document.body.append(s);
          });
          if (got) shown++;
        }
        return shown;
      })()`;
      const shown = (await page.evaluate(script(true, visitors))) as number;
      const expected = (visitors * share) / 100;
      expect(Math.abs(shown - expected)).toBeLessThanOrEqual(expected * 0.2);

      // One visitor keeps the same decision on every page load.
      const decisions = (await page.evaluate(script(false, 50))) as number;
      expect([0, 50]).toContain(decisions);

      // A visitor outside the share who has an open conversation still sees the widget.
      const withConversation = (await page.evaluate(
        script(
          true,
          20,
          `localStorage.setItem('sbw:${key}:share', '99.5');
           localStorage.setItem('sbw:${key}:conv', JSON.stringify({ id: 'c', state: 'assigned', rating: null }));`,
        ),
      )) as number;
      expect(withConversation).toBe(20);
      const outside = (await page.evaluate(
        script(true, 20, `localStorage.setItem('sbw:${key}:share', '99.5');`),
      )) as number;
      expect(outside).toBe(0);
      await context.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'stores the like and the comment on the conversation after the operator closes it',
    async () => {
      const account = await widgetAccount();
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      const page = await shopPage(context, account.channels.widget!.publicKey);
      await openChat(page);
      await say(page, 'Where is my order #1042?');
      const { conversationId } = await natalia.received('Where is my order #1042?');
      await natalia.take(conversationId);
      await natalia.reply(conversationId, 'It ships today. Anything else?');
      await expectBubbles(page, ['Where is my order #1042?', 'It ships today. Anything else?']);
      await natalia.call('POST', `/conversations/${conversationId}/close`, {});

      await page.getByRole('button', { name: 'Good' }).click();
      await page
        .getByRole('textbox', { name: 'Anything to add? (optional)' })
        .fill('Quick and kind');
      expect(await page.locator('[data-switchboard-widget] form.comment').count()).toBe(1);
      await page.getByRole('button', { name: 'Send comment' }).click();
      // The thanks show from the like on; the comment form goes once the comment is stored.
      await expect
        .poll(() => page.locator('[data-switchboard-widget] form.comment').count())
        .toBe(0);
      await expect
        .poll(() => page.locator('[data-switchboard-widget] .feedback').textContent())
        .toContain('Thank you for your feedback!');

      const { conversation } = await natalia.call<{ conversation: { rating: string } }>(
        'GET',
        `/conversations/${conversationId}`,
      );
      expect(conversation.rating).toBe('like');
      const row = await server.sb.services.db
        .selectFrom('conversations')
        .select(['rating', 'rating_comment'])
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ rating: 'like', rating_comment: 'Quick and kind' });

      // Writing again starts a new conversation in the same widget.
      await say(page, 'One more question');
      const next = await natalia.received('One more question');
      expect(next.conversationId).not.toBe(conversationId);
      await expectBubbles(page, ['One more question']);
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'follows "go to URL" only within the site, never elsewhere',
    async () => {
      // No allowed origins: the server lets the operator send any http(s) address,
      // so keeping the visitor on this site is the widget's own job.
      const account = await widgetAccount();
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      const site = shopSite(account.channels.widget!.publicKey);
      const page = await context.newPage();
      await page.goto(site);
      await openChat(page);
      await say(page, 'Where is delivery info?');
      const { conversationId } = await natalia.received('Where is delivery info?');
      await natalia.take(conversationId);
      await expectAllSent(page);

      const viaApi = (url: string) =>
        natalia.call('POST', `/conversations/${conversationId}/navigate`, { url });
      await viaApi('https://evil.example/login');
      // What the server would refuse, injected straight into the event stream.
      for (const url of ['javascript:window.__xss=1', '//evil.example/x', 'data:text/html,hi'])
        await perform(server.sb.services, account.scopeOf('Natalia'), async (ctx) => {
          ctx.emit(event('visitor.navigate', conversationId, { conversationId, url }));
        });
      await page.waitForTimeout(1000);
      expect(page.url()).toBe(site);
      expect(await page.evaluate('window.__xss')).toBeUndefined();

      await viaApi(`${site}delivery?from=operator`);
      await page.waitForURL(`${site}delivery?from=operator`);
      // The new page resumes the same conversation, and the navigate is not replayed.
      await expectBubbles(page, ['Where is delivery info?']);
      await page.waitForTimeout(500);
      expect(page.url()).toBe(`${site}delivery?from=operator`);
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'shows attachments: images as previews, other files as links',
    async () => {
      const account = await widgetAccount();
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      const page = await shopPage(context, account.channels.widget!.publicKey);
      await openChat(page);
      await say(page, 'Can you send the invoice?');
      const { conversationId } = await natalia.received('Can you send the invoice?');
      await natalia.take(conversationId);
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      const attachments = [
        await natalia.upload('photo.png', 'image/png', png),
        await natalia.upload('invoice <1042>.txt', 'text/plain', Buffer.from('Invoice 1042')),
      ];
      await natalia.call('POST', `/conversations/${conversationId}/messages`, {
        text: 'Here you go',
        clientKey: 'with-files',
        attachments,
      });
      await page.locator('[data-switchboard-widget] .bubble', { hasText: 'Here you go' }).waitFor();
      const image = page.locator('[data-switchboard-widget] .bubble img');
      // Loaded for real: the visitor's token in the URL opens the file.
      await expect
        .poll(() => inShadow(page, "root.querySelector('.bubble img').naturalWidth"))
        .toBe(1);
      expect(await image.getAttribute('alt')).toBe('photo.png');
      const file = page.locator('[data-switchboard-widget] .bubble a.file');
      expect(await file.textContent()).toBe('Attachment: invoice <1042>.txt (12 B)');
      expect(await file.getAttribute('href')).toContain(`/api/v1/uploads/${attachments[1]!.id}`);
      expect(await file.getAttribute('rel')).toBe('noopener noreferrer');
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'shows queue and offline notices as system messages, apart from the chat',
    async () => {
      const account = await widgetAccount(); // Natalia stays offline
      const context = await newContext();
      const page = await shopPage(context, account.channels.widget!.publicKey);
      await openChat(page);
      await say(page, 'Anyone there?');
      const notice = page.locator('[data-switchboard-widget] .msg.system');
      await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain('offline');
      expect(await notice.getAttribute('role')).toBe('note');
      await context.close();
    },
    E2E_TIMEOUT,
  );

  it(
    "works from the channel's allowed origins and stays off on other sites",
    async () => {
      const allowed = await widgetAccount({ allowedOrigins: [SHOP] });
      const natalia = await operatorOnline(allowed, 'Natalia');
      const context = await newContext();
      const page = await shopPage(context, allowed.channels.widget!.publicKey);
      await openChat(page);
      await say(page, 'hello from the allowed shop');
      await natalia.received('hello from the allowed shop');
      await expectAllSent(page);
      await context.close();
      await natalia.socket.close();

      // The same page served from another origin (localhost instead of 127.0.0.1).
      const elsewhere = await widgetAccount({ allowedOrigins: ['https://the-real-shop.example'] });
      const other = await newContext();
      const warnings: string[] = [];
      const foreign = await other.newPage();
      foreign.on('console', (m) => warnings.push(m.text()));
      await foreign.goto(
        shopSite(elsewhere.channels.widget!.publicKey).replace('127.0.0.1', 'localhost'),
      );
      await expect.poll(() => warnings.some((w) => w.includes('[switchboard]'))).toBe(true);
      expect(await foreign.locator('[data-switchboard-widget]').count()).toBe(0);
      await other.close();
    },
    E2E_TIMEOUT,
  );

  it(
    "asks for name and e-mail when the channel wants them, in the page's language",
    async () => {
      const account = await widgetAccount({ preChatForm: { name: true, email: true } });
      const natalia = await operatorOnline(account, 'Natalia');
      const context = await newContext();
      const page = await shopPage(context, account.channels.widget!.publicKey, { lang: 'ru' });
      await page.getByRole('button', { name: 'Открыть чат' }).click();
      await page.getByRole('textbox', { name: 'Ваше имя' }).fill('Мария');
      await page.getByRole('textbox', { name: 'E-mail' }).fill('maria@example.com');
      await page.getByRole('button', { name: 'Начать чат' }).click();
      const box = page.getByRole('textbox', { name: 'Напишите сообщение…' });
      await box.fill('Здравствуйте');
      await box.press('Enter');
      const { conversationId } = await natalia.received('Здравствуйте');
      const { contact } = await natalia.call<{ contact: { name: string; email: string } }>(
        'GET',
        `/conversations/${conversationId}`,
      );
      expect(contact).toMatchObject({ name: 'Мария', email: 'maria@example.com' });
      await context.close();
      await natalia.socket.close();
    },
    E2E_TIMEOUT,
  );

  it(
    'goes full-screen on a phone and works from the keyboard',
    async () => {
      const account = await widgetAccount();
      const context = await newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await shopPage(context, account.channels.widget!.publicKey);
      await expect.poll(() => launcher(page).isVisible()).toBe(true);
      await launcher(page).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => composer(page).isVisible()).toBe(true);
      // Focus moves into the chat, ready to type.
      await expect.poll(() => inShadow(page, 'root.activeElement?.tagName')).toBe('TEXTAREA');
      // Polled: the panel slides in over a few frames.
      await expect
        .poll(() => page.locator('[data-switchboard-widget] .panel').boundingBox())
        .toEqual({ x: 0, y: 0, width: 390, height: 844 });
      await page.keyboard.press('Escape');
      await expect.poll(() => launcher(page).isVisible()).toBe(true);
      await expect.poll(() => inShadow(page, 'root.activeElement?.className')).toBe('launcher');
      await context.close();
    },
    E2E_TIMEOUT,
  );

  // WIDGET_SCREENSHOTS=1 refreshes docs/screenshots/widget-*.png from the demo shop.
  it.runIf(process.env.WIDGET_SCREENSHOTS === '1')(
    'takes the documentation screenshots on the demo shop',
    async () => {
      // A server of its own: /demo shows the one channel marked as the demo.
      const own = await startTestServer({ config: BEHIND_PROXY });
      try {
        const account = await buildAccount(own.sb.services, {
          operators: [{ name: 'Natalia', limit: 5 }],
          channels: [
            { name: 'Northwind chat', kind: 'widget', settings: { demo: true, color: '#9a3412' } },
          ],
        });
        const natalia = await operatorOnline(account, 'Natalia', own.url);
        mkdirSync('docs/screenshots', { recursive: true });
        const context = await newContext();
        const page = await context.newPage();
        await page.goto(`${own.url}/demo`);
        await expect.poll(() => launcher(page).isVisible()).toBe(true);
        await openChat(page);
        await say(page, 'Hi! Is the Colombia Huila roast in stock?');
        const { conversationId } = await natalia.received(
          'Hi! Is the Colombia Huila roast in stock?',
        );
        await natalia.take(conversationId);
        await natalia.reply(
          conversationId,
          'Hello! Yes, we roasted a fresh batch on Monday. Brewing tips: https://northwind.example/brew',
        );
        await say(page, 'Great, two bags please. Can you deliver on Friday?');
        await expectAllSent(page);
        natalia.socket.send({ type: 'typing', conversationId });
        await page.locator('[data-switchboard-widget] .typing', { hasText: 'typing' }).waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: 'docs/screenshots/widget-chat.png' });

        await page.keyboard.press('Escape');
        await natalia.reply(conversationId, 'Yes, Friday works. Anything else I can help with?');
        await page.locator('[data-switchboard-widget] .badge', { hasText: '1' }).waitFor();
        await page.screenshot({
          path: 'docs/screenshots/widget-unread.png',
          clip: { x: 880, y: 560, width: 400, height: 240 },
        });
        await openChat(page);
        await context.setOffline(true);
        await say(page, 'No, thanks!');
        await page.locator('[data-switchboard-widget] .msg.retry').waitFor();
        await page.screenshot({ path: 'docs/screenshots/widget-offline.png' });
        await context.setOffline(false);
        await expectAllSent(page);
        await natalia.call('POST', `/conversations/${conversationId}/close`, {});
        await page.getByRole('button', { name: 'Good' }).waitFor();
        await page.screenshot({ path: 'docs/screenshots/widget-rating.png' });

        const phone = await newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
        });
        const mobile = await phone.newPage();
        await mobile.goto(`${own.url}/demo`);
        await openChat(mobile);
        await say(mobile, 'Hi! Do you deliver to Kyiv?');
        await mobile.locator('[data-switchboard-widget] .msg.sent').waitFor();
        await mobile.waitForTimeout(300);
        await mobile.screenshot({ path: 'docs/screenshots/widget-phone.png' });
        await phone.close();
        await context.close();
        await natalia.socket.close();
      } finally {
        await own.close();
      }
    },
    E2E_TIMEOUT,
  );
});
