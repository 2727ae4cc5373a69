// The widget calls Switchboard from customers' sites: CORS on its endpoints,
// with the channel's allowed origins enforced by the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  buildAccount,
  startTestServer,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const SHOP = 'https://shop.example';
const OTHER = 'https://other.example';

async function channel(settings: Record<string, unknown>) {
  const account = await buildAccount(server.sb.services, {
    channels: [{ name: 'widget', kind: 'widget', settings }],
  });
  return account.channels.widget!.publicKey;
}

const inject = (
  method: 'GET' | 'POST' | 'OPTIONS',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) =>
  server.sb.app.inject({
    method,
    url,
    headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });

describe('CORS for the widget', () => {
  it('answers preflights of the session and visitor endpoints', async () => {
    for (const url of [
      '/api/v1/widget/session',
      '/api/v1/visitor/messages',
      '/api/v1/visitor/conversations/00000000-0000-0000-0000-000000000000/rating',
    ]) {
      const res = await inject('OPTIONS', url, {
        origin: SHOP,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(SHOP);
      expect(res.headers['access-control-allow-headers']).toContain('authorization');
      expect(res.headers['access-control-allow-methods']).toContain('POST');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('lets any site use a channel without allowed origins', async () => {
    const key = await channel({});
    const res = await inject(
      'POST',
      '/api/v1/widget/session',
      { origin: OTHER },
      { channelKey: key },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(OTHER);
    expect(res.headers.vary).toContain('origin');
  });

  it('serves config and sessions to allowed origins and refuses others without CORS headers', async () => {
    const key = await channel({ allowedOrigins: [SHOP] });
    const ok = await inject('GET', `/api/v1/widget/config?channelKey=${key}`, { origin: SHOP });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(SHOP);
    expect(ok.json()).toMatchObject({ allowedOrigins: [SHOP] });

    for (const res of [
      await inject('GET', `/api/v1/widget/config?channelKey=${key}`, { origin: OTHER }),
      await inject('POST', '/api/v1/widget/session', { origin: OTHER }, { channelKey: key }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('origin_not_allowed');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it("refuses a visitor token's calls from a site the channel does not allow", async () => {
    const key = await channel({ allowedOrigins: [SHOP] });
    const { token } = await visitorSession(server.url, key);
    const auth = { authorization: `Bearer ${token}` };
    const fromShop = await inject(
      'POST',
      '/api/v1/visitor/messages',
      { ...auth, origin: SHOP },
      { text: 'hello', clientKey: 'k1' },
    );
    expect(fromShop.statusCode).toBe(201);
    expect(fromShop.headers['access-control-allow-origin']).toBe(SHOP);

    const fromOther = await inject(
      'POST',
      '/api/v1/visitor/messages',
      { ...auth, origin: OTHER },
      { text: 'stolen token', clientKey: 'k2' },
    );
    expect(fromOther.statusCode).toBe(403);
    expect(fromOther.headers['access-control-allow-origin']).toBeUndefined();
    const list = await inject('GET', '/api/v1/visitor/conversations', auth);
    const [conv] = list.json().conversations as { id: string }[];
    const messages = await inject(
      'GET',
      `/api/v1/visitor/conversations/${conv!.id}/messages`,
      auth,
    );
    const fromVisitor = (messages.json().messages as { author: string; text: string }[]).filter(
      (m) => m.author === 'contact',
    );
    expect(fromVisitor.map((m) => m.text)).toEqual(['hello']);
  });

  it('gives visitor uploads the same CORS and allowed-origins rules', async () => {
    const key = await channel({ allowedOrigins: [SHOP] });
    const { token } = await visitorSession(server.url, key);
    const upload = (origin: string) => {
      const form = new FormData();
      form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'note.txt');
      return fetch(`${server.url}/api/v1/visitor/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin },
        body: form,
      });
    };
    const fromShop = await upload(SHOP);
    expect(fromShop.status).toBe(201);
    expect(fromShop.headers.get('access-control-allow-origin')).toBe(SHOP);

    const fromOther = await upload(OTHER);
    expect(fromOther.status).toBe(403);
    expect(((await fromOther.json()) as { error: { code: string } }).error.code).toBe(
      'origin_not_allowed',
    );
    expect(fromOther.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await inject('OPTIONS', '/api/v1/visitor/uploads', {
      origin: SHOP,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization',
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SHOP);
  });

  it("opens the visitor websocket only for the channel's allowed origins", async () => {
    const key = await channel({ allowedOrigins: [SHOP] });
    const { token } = await visitorSession(server.url, key);
    const url = `${server.url.replace('http', 'ws')}/api/v1/visitor/ws?token=${encodeURIComponent(token)}`;
    /** Resolves with 'open' or the HTTP status the upgrade was refused with. */
    const attempt = (origin: string) =>
      new Promise<string | number>((resolve, reject) => {
        const socket = new WebSocket(url, { origin });
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
          socket.terminate();
        });
        socket.once('error', reject);
      });
    expect(await attempt(SHOP)).toBe('open');
    expect(await attempt(OTHER)).toBe(403);
  });

  it('lets the widget read a rate-limit error, to show its friendly notice', async () => {
    const key = await channel({});
    let last = await inject(
      'POST',
      '/api/v1/widget/session',
      { origin: SHOP },
      { channelKey: key },
    );
    for (let i = 0; i < 40 && last.statusCode !== 429; i++)
      last = await inject('POST', '/api/v1/widget/session', { origin: SHOP }, { channelKey: key });
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('rate_limited');
    expect(last.headers['access-control-allow-origin']).toBe(SHOP);
  });
});
