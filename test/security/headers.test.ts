// Security headers on the operator app, the demo shop, the widget script and
// the API: a Content Security Policy without inline scripts or styles,
// nosniff, a referrer policy, frame-ancestors for the app — and nothing that
// stops the widget from loading on customers' sites (no same-origin CORP on
// what the widget loads cross-origin). test/e2e runs both apps under them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/http/routes/static.js';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

let server: TestServer;
let account: TestAccount;
beforeAll(async () => {
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    channels: [{ name: 'shop', kind: 'widget', settings: { demo: true } }],
  });
});
afterAll(() => server.close());

const inject = (url: string, headers: Record<string, string> = {}) =>
  server.sb.app.inject({ method: 'GET', url, headers });

function policy(header: unknown): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values);
  }
  return directives;
}

/** The baseline every answer carries. */
function expectBaseline(headers: Record<string, unknown>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  const csp = policy(headers['content-security-policy']);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
  expect(String(headers['content-security-policy'])).not.toContain('unsafe-inline');
  expect(String(headers['content-security-policy'])).not.toContain('unsafe-eval');
}

/** No inline <script>, no <style>, no style="" attributes. */
function expectNoInlineCode(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  for (const [, attributes, body] of scripts) {
    expect(attributes).toMatch(/\bsrc=/);
    expect(body!.trim()).toBe('');
  }
  expect(html).not.toMatch(/<style\b/i);
  expect(html).not.toMatch(/\sstyle=/i);
  expect(html).not.toMatch(/\son[a-z]+=/i);
}

describe('security headers', () => {
  it('the operator app: CSP without inline code, frame-ancestors, nosniff, referrer policy', async () => {
    const res = await inject('/');
    expect(res.statusCode).toBe(200);
    expectBaseline(res.headers);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    // A client-side route answers with the same page and headers.
    expectBaseline((await inject('/admin/tokens')).headers);
  });

  it.runIf(existsSync(join(WEB_DIST, 'index.html')))(
    'the built operator app has no inline scripts or styles',
    () => {
      expectNoInlineCode(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'));
    },
  );

  it('the demo shop: the same policy, its styles in a file', async () => {
    const res = await inject('/demo');
    expect(res.statusCode).toBe(200);
    expectBaseline(res.headers);
    expect(res.body).toContain(account.channels.shop!.publicKey);
    expectNoInlineCode(res.body);
    const css = await inject('/demo.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('the widget script loads from any site: cross-origin CORP, CORS, JavaScript with nosniff', async () => {
    const res = await inject('/widget.js', { origin: 'https://shop.example' });
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    if (res.statusCode === 200) {
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['content-type']).toContain('application/javascript');
    }
  });

  it("the widget's API calls and a visitor's files are readable cross-origin; the operator API is not", async () => {
    const session = await server.sb.app.inject({
      method: 'POST',
      url: '/api/v1/widget/session',
      headers: { origin: 'https://shop.example' },
      payload: { channelKey: account.channels.shop!.publicKey },
    });
    expect(session.statusCode).toBe(200);
    expect(session.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(session.headers['access-control-allow-origin']).toBe('https://shop.example');
    expectBaseline(session.headers);
    const { token } = session.json() as { token: string };
    // Attachments are shown in <img>, with the token in the query.
    const file = await inject(
      `/api/v1/uploads/00000000-0000-4000-8000-000000000000?token=${encodeURIComponent(token)}`,
    );
    expect(file.statusCode).toBe(404);
    expect(file.headers['cross-origin-resource-policy']).toBe('cross-origin');

    const operatorApi = await inject('/api/v1/me');
    expect(operatorApi.statusCode).toBe(401);
    expectBaseline(operatorApi.headers);
    expect(operatorApi.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
