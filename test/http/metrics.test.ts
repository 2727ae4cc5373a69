import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeRegistry } from '../../src/metrics.js';
import {
  buildAccount,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { connect } from '../support/ws-client.js';

const TOKEN = 'metrics-token-0123456789';

let server: TestServer;
let plain: TestServer;
let account: TestAccount;

beforeAll(async () => {
  server = await startTestServer({ config: { metricsToken: TOKEN } });
  plain = await startTestServer({ store: server.sb.store, config: { metricsToken: null } });
  // Nobody online: what the visitors write waits in the queue.
  account = await buildAccount(server.sb.services, { operators: [{ name: 'Ivan' }] });
});
afterAll(async () => {
  await plain.close();
  await server.close();
});

const scrape = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/metrics`, { headers });

/** The value of one sample line, e.g. `switchboard_queue_length{account="…"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((l) => line.includes(l))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return null;
}

describe('GET /metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    // Not the web app's index.html either (its fallback serves unknown paths).
    const res = await scrape(plain.url, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses a missing or wrong bearer token with 401', async () => {
    const none = await scrape(server.url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const wrong = await scrape(server.url, { authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
  });

  it('reports sockets, events, the queue and HTTP latency by route pattern', async () => {
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const socket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(visitor.token)}`,
    );
    socket.send({ type: 'hello' });
    await socket.waitFor((m) => m.type === 'ready');
    socket.send({ type: 'send', text: 'Hello?', clientKey: 'k1' });
    const ack = await socket.waitFor((m) => m.type === 'ack');
    await socket.waitFor((m) => m.type === 'event');
    // The routing pass for the new conversation runs after its commit, on its own.
    await vi.waitFor(
      async () => {
        const now = await (await scrape(server.url, { authorization: `Bearer ${TOKEN}` })).text();
        expect(sample(now, 'switchboard_routing_passes_total', { result: 'ok' })).toBeGreaterThan(
          0,
        );
      },
      { timeout: 30_000, interval: 50 },
    );

    const res = await scrape(server.url, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'switchboard_websockets_open', { kind: 'visitor' })).toBeGreaterThan(0);
    expect(sample(text, 'switchboard_events_published_total')).toBeGreaterThan(0);
    expect(sample(text, 'switchboard_events_delivered_total')).toBeGreaterThan(0);
    expect(sample(text, 'switchboard_queue_length', { account: account.accountId })).toBe(1);
    expect(
      sample(text, 'switchboard_queue_oldest_wait_seconds', { account: account.accountId }),
    ).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'switchboard_outbound_deliveries', { state: 'pending' })).not.toBeNull();
    expect(sample(text, 'switchboard_routing_passes_total', { result: 'ok' })).toBeGreaterThan(0);
    expect(
      sample(text, 'switchboard_http_request_duration_seconds_count', {
        route: '/api/v1/widget/session',
        status: '200',
      }),
    ).toBeGreaterThan(0);
    // Route patterns, never the URL a client sent (ids would make labels unbounded).
    const conversationId = (ack as { conversationId: string }).conversationId;
    await fetch(`${server.url}/api/v1/visitor/conversations/${conversationId}/queue`, {
      headers: { authorization: `Bearer ${visitor.token}` },
    });
    const after = await (await scrape(server.url, { authorization: `Bearer ${TOKEN}` })).text();
    expect(after).toContain('route="/api/v1/visitor/conversations/:id/queue"');
    expect(after).not.toContain(conversationId);
    expect(sample(after, 'nodejs_eventloop_lag_seconds')).not.toBeNull();
    await socket.close();
  });

  it('names only the accounts with the longest queues and sums the rest', async () => {
    const more = await Promise.all([1, 2].map(() => buildAccount(server.sb.services)));
    for (const [i, a] of more.entries()) {
      for (let k = 0; k <= i; k++) {
        const visitor = await visitorSession(server.url, a.channels.widget!.publicKey);
        const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${visitor.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'Hi', clientKey: 'k' }),
        });
        expect(res.status).toBe(201);
      }
    }
    // Three accounts wait (1, 1 and 2 conversations); with room for two names, one is summed.
    const text = await storeRegistry(server.sb.services.db, 2).metrics();
    const lines = text.split('\n').filter((l) => l.startsWith('switchboard_queue_length{'));
    expect(lines.length).toBe(3);
    expect(sample(text, 'switchboard_queue_length', { account: more[1]!.accountId })).toBe(2);
    expect(sample(text, 'switchboard_queue_length', { account: '_other' })).toBe(1);
    expect(
      sample(text, 'switchboard_queue_oldest_wait_seconds', { account: '_other' }),
    ).not.toBeNull();
  });
});
