// The knowledge base over the API (issue 17): admins write, search, preview,
// export and import articles; visitors search the published ones through the
// widget when the channel allows it; Markdown never carries script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHeaders } from '../channels/support/channels.js';
import { buildAccount, startTestServer, type TestServer } from '../support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function call(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const { 'content-type': _json, ...bare } = headers;
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? bare : headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json');
  return {
    status: res.status,
    // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
    body: json ? (JSON.parse(text) as Record<string, any>) : null,
    text,
  };
}

async function admin() {
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Tatiana' }],
    channels: [{ name: 'widget', kind: 'widget', settings: { articleSearch: true } }],
  });
  const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  return { account, headers };
}

const delivery = {
  title: 'Delivery times',
  body: 'We **deliver** orders in 2–3 days. [Track it](https://example.com/track).',
  language: 'en',
  tags: ['Delivery', 'shipping', 'delivery'],
  published: true,
};
const dostavka = {
  title: 'Сроки доставки',
  body: 'Доставляем заказы за 2–3 дня по всей стране.',
  language: 'ru',
  tags: ['доставка'],
  published: true,
};
const oplata = {
  title: 'Оплата замовлення',
  body: 'Оплатити замовлення можна карткою або готівкою.',
  language: 'uk',
  tags: [],
  published: false,
};

describe('knowledge base', () => {
  it('finds articles by stemmed words in their own language, best first', async () => {
    const { headers } = await admin();
    for (const a of [delivery, dostavka, oplata])
      expect((await call(headers, 'POST', '/articles', a)).status).toBe(201);
    const en = await call(
      headers,
      'GET',
      '/articles/search?q=when%20will%20my%20order%20be%20delivered',
    );
    expect(en.status).toBe(200);
    expect(en.body!.articles[0].title).toBe('Delivery times');
    expect(en.body!.articles[0].rank).toBeGreaterThan(0);
    const ru = await call(
      headers,
      'GET',
      `/articles/search?q=${encodeURIComponent('когда доставят заказ')}`,
    );
    expect(ru.body!.articles.map((a: { title: string }) => a.title)).toEqual(['Сроки доставки']);
    const uk = await call(
      headers,
      'GET',
      `/articles/search?q=${encodeURIComponent('як оплатити замовленням')}`,
    );
    expect(uk.body!.articles.map((a: { title: string }) => a.title)).toContain('Оплата замовлення');
    const published = await call(
      headers,
      'GET',
      `/articles/search?publishedOnly=true&q=${encodeURIComponent('оплатити')}`,
    );
    expect(published.body!.articles).toEqual([]);
  });

  it('keeps tags clean, and refuses bad input naming the field', async () => {
    const { headers } = await admin();
    const created = await call(headers, 'POST', '/articles', delivery);
    expect(created.body!.tags).toEqual(['delivery', 'shipping']);
    const bad = await call(headers, 'POST', '/articles', { ...delivery, language: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body!.error.field).toBe('language');
    const nul = await call(headers, 'POST', '/articles', { ...delivery, title: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body!.error.field).toBe('title');
  });

  it('renders Markdown safely: script and javascript: links are gone', async () => {
    const { headers } = await admin();
    const preview = await call(headers, 'POST', '/articles/preview', {
      body: '# Hi\n<script>alert(1)</script>\n[x](javascript:alert(1)) **bold** [ok](https://a.example)',
    });
    expect(preview.status).toBe(200);
    expect(preview.body!.html).toContain('<h1>Hi</h1>');
    expect(preview.body!.html).toContain('<strong>bold</strong>');
    expect(preview.body!.html).not.toContain('<script');
    expect(preview.body!.html).not.toContain('href="javascript');
    expect(preview.body!.html).toContain('href="https://a.example"');
    expect(preview.body!.text).toContain('ok (https://a.example)');
  });

  it('exports and imports JSON and Markdown files, all or nothing', async () => {
    const { headers } = await admin();
    await call(headers, 'POST', '/articles', delivery);
    await call(headers, 'POST', '/articles', dostavka);
    const md = await call(headers, 'GET', '/articles/export?format=markdown');
    expect(md.status).toBe(200);
    expect(md.text).toContain('title: Сроки доставки');
    const json = await call(headers, 'GET', '/articles/export?format=json');
    expect(json.body!.articles).toHaveLength(2);

    const other = await admin();
    const imported = await call(other.headers, 'POST', '/articles/import', {
      format: 'markdown',
      text: md.text,
    });
    expect(imported.body).toEqual({ created: 2, updated: 0 });
    const list = await call(other.headers, 'GET', '/articles');
    expect(list.body!.articles.map((a: { title: string }) => a.title).sort()).toEqual(
      ['Delivery times', 'Сроки доставки'].sort(),
    );
    // Importing the account's own export replaces, not duplicates.
    const again = await call(other.headers, 'POST', '/articles/import', {
      format: 'json',
      articles: list.body!.articles.map(
        ({ createdAt: _c, updatedAt: _u, ...a }: Record<string, unknown>) => a,
      ),
    });
    expect(again.body).toEqual({ created: 0, updated: 2 });
    const broken = await call(other.headers, 'POST', '/articles/import', {
      format: 'markdown',
      text: `${md.text}\n---\ntitle: X\nlanguage: de\n---\nbody`,
    });
    expect(broken.status).toBe(400);
    expect(broken.body!.error.field).toBe('text.2.language');
    expect((await call(other.headers, 'GET', '/articles')).body!.articles).toHaveLength(2);
  });

  it('lets only admins write, and never shows another account’s article', async () => {
    const { account, headers } = await admin();
    const created = await call(headers, 'POST', '/articles', delivery);
    const op = await tokenHeaders(server.sb.services, account.scopeOf('Tatiana'));
    expect((await call(op, 'POST', '/articles', delivery)).status).toBe(403);
    const other = await admin();
    expect((await call(other.headers, 'GET', `/articles/${created.body!.id}`)).status).toBe(404);
    expect((await call(other.headers, 'DELETE', `/articles/${created.body!.id}`)).status).toBe(404);
    expect((await call(headers, 'DELETE', `/articles/${created.body!.id}`)).status).toBe(204);
  });

  it('lets visitors search published articles only where the channel allows it', async () => {
    const { account, headers } = await admin();
    await call(headers, 'POST', '/articles', delivery);
    await call(headers, 'POST', '/articles', {
      ...delivery,
      title: 'Draft delivery',
      published: false,
    });
    const key = account.channels.widget!.publicKey;
    const found = await fetch(`${server.url}/api/v1/widget/articles?channelKey=${key}&q=delivery`);
    const body = (await found.json()) as { articles: { title: string; html: string }[] };
    expect(body.articles.map((a) => a.title)).toEqual(['Delivery times']);
    expect(body.articles[0]!.html).toContain('<strong>deliver</strong>');
    const config = await fetch(`${server.url}/api/v1/widget/config?channelKey=${key}`);
    expect(((await config.json()) as { articleSearch: boolean }).articleSearch).toBe(true);

    const off = await buildAccount(server.sb.services);
    const refused = await fetch(
      `${server.url}/api/v1/widget/articles?channelKey=${off.channels.widget!.publicKey}&q=delivery`,
    );
    expect(refused.status).toBe(404);
  });
});
