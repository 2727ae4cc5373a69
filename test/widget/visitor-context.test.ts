// The widget reports where the visitor is (issue 15): stored with the open
// conversation, announced to staff only, and every field from the anonymous
// browser is checked. Also the upload limits the widget enforces before sending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { maxUploadBytes: 64 * 1024 } });
});
afterAll(() => server.close());

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

async function visitor() {
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Tatiana', online: true }],
  });
  const key = account.channels.widget!.publicKey;
  const { token } = await visitorSession(server.url, key);
  const call = (method: 'GET' | 'POST', path: string, body?: unknown, headers = {}) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'user-agent': CHROME_WINDOWS,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { account, key, token, call };
}

const page = {
  url: 'https://shop.example/cart?step=2',
  title: 'Cart — Shop',
  referrer: 'https://search.example/?q=kettle',
  language: 'uk-UA',
  timeZone: 'Europe/Kyiv',
  utcOffsetMin: 120,
};

describe('visitor context', () => {
  it('stores the page, referrer, browser, OS, language and clock with the open conversation', async () => {
    const v = await visitor();
    // No conversation yet: nothing to store it on, and no contact data is invented.
    const before = await v.call('POST', '/visitor/context', page);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ conversationId: null });

    const sent = await v.call('POST', '/visitor/messages', { text: 'Hello', clientKey: 'k1' });
    expect(sent.status).toBe(201);
    const { message } = (await sent.json()) as { message: { conversationId: string } };
    const res = await v.call('POST', '/visitor/context', page);
    expect(await res.json()).toEqual({ conversationId: message.conversationId });

    // The visitor moves on: the current page follows, the page they came from stays.
    await v.call('POST', '/visitor/context', {
      ...page,
      url: 'https://shop.example/checkout',
      title: 'Checkout',
      referrer: 'https://shop.example/cart?step=2',
    });

    const headers = await loginHeaders(server.url, v.account.admin);
    const conv = await fetch(`${server.url}/api/v1/conversations/${message.conversationId}`, {
      headers,
    });
    const body = (await conv.json()) as { conversation: { visitorContext: unknown } };
    expect(body.conversation.visitorContext).toMatchObject({
      url: 'https://shop.example/checkout',
      title: 'Checkout',
      referrer: 'https://search.example/?q=kettle',
      browser: 'Chrome 126',
      os: 'Windows 10/11',
      language: 'uk-UA',
      timeZone: 'Europe/Kyiv',
      utcOffsetMin: 120,
    });

    const events = await server.sb.services.db
      .selectFrom('events')
      .select(['type', 'audience', 'payload'])
      .where('account_id', '=', v.account.accountId)
      .where('type', '=', 'visitor.context')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => (e.payload as { context: { url: string } }).context.url)).toEqual([
      'https://shop.example/cart?step=2',
      'https://shop.example/checkout',
    ]);
    // Staff only: the visitor's socket never receives it.
    expect(events.every((e) => e.audience === 'queue')).toBe(true);
  });

  it('announces nothing when the visitor reports the same page again', async () => {
    const v = await visitor();
    await v.call('POST', '/visitor/messages', { text: 'Hi', clientKey: 'k1' });
    await v.call('POST', '/visitor/context', page);
    await v.call('POST', '/visitor/context', page);
    const count = await server.sb.services.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', v.account.accountId)
      .where('type', '=', 'visitor.context')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it.each([
    ['url', { url: 'javascript:alert(1)' }],
    ['url', { url: 'file:///etc/passwd' }],
    ['url', { url: `https://shop.example/${'a'.repeat(2001)}` }],
    ['referrer', { referrer: 'data:text/html,hi' }],
    ['title', { title: 'x'.repeat(301) }],
    ['title', { title: 'bad\u0000title' }],
    ['title', { title: 'half \ud800 pair' }],
    ['language', { language: 'en_US; drop table' }],
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
    ['timeZone', { timeZone: '../../etc' }],
    ['utcOffsetMin', { utcOffsetMin: 10_000 }],
  ])('refuses a bad %s with 400 naming the field', async (field, change) => {
    const v = await visitor();
    const res = await v.call('POST', '/visitor/context', { ...page, ...change });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.field).toBe(field);
  });

  it('needs a visitor token', async () => {
    const res = await fetch(`${server.url}/api/v1/visitor/context`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(page),
    });
    expect(res.status).toBe(401);
  });
});

describe('visitor uploads', () => {
  it("tells the widget the server's size and type limits", async () => {
    const v = await visitor();
    const res = await fetch(`${server.url}/api/v1/widget/config?channelKey=${v.key}`);
    const config = (await res.json()) as { uploads: { maxBytes: number; types: string[] } };
    expect(config.uploads.maxBytes).toBe(64 * 1024);
    expect(config.uploads.types).toContain('image/png');
    expect(config.uploads.types).not.toContain('text/html');
  });

  const upload = (token: string, bytes: Uint8Array, type: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    return fetch(`${server.url}/api/v1/visitor/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  };
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  it('refuses a file over the size limit with 413 and one of a refused type with 415', async () => {
    const v = await visitor();
    const big = new Uint8Array(64 * 1024 + 1);
    big.set(PNG);
    const tooBig = await upload(v.token, big, 'image/png', 'big.png');
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { field: string } }).error.field).toBe('file');
    const html = await upload(v.token, new TextEncoder().encode('<p>x</p>'), 'text/html', 'a.html');
    expect(html.status).toBe(415);
    const fake = await upload(v.token, new TextEncoder().encode('not a png'), 'image/png', 'a.png');
    expect(fake.status).toBe(415);
  });

  it("attaches a pasted screenshot to the visitor's message and refuses another visitor's upload", async () => {
    const v = await visitor();
    const stored = await upload(v.token, PNG, 'image/png', 'screenshot.png');
    expect(stored.status).toBe(201);
    const { attachment } = (await stored.json()) as { attachment: { id: string } };
    const sent = await v.call('POST', '/visitor/messages', {
      text: '',
      clientKey: 'shot',
      attachments: [{ id: attachment.id }],
    });
    expect(sent.status).toBe(201);
    const { message } = (await sent.json()) as {
      message: { attachments: { id: string; name: string; contentType: string }[] };
    };
    expect(message.attachments).toEqual([
      expect.objectContaining({
        id: attachment.id,
        name: 'screenshot.png',
        contentType: 'image/png',
      }),
    ]);

    const other = await visitor();
    const theft = await other.call('POST', '/visitor/messages', {
      text: 'mine now',
      clientKey: 'x',
      attachments: [{ id: attachment.id }],
    });
    expect(theft.status).toBe(400);
    expect(((await theft.json()) as { error: { field: string } }).error.field).toBe(
      'attachments.0.id',
    );
  });
});
