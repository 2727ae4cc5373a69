// X-Forwarded-For names the client only when TRUST_PROXY says who may send it;
// otherwise anyone could pick a fresh address per request and escape the
// per-IP rate limits of the anonymous endpoints.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../support/harness.js';

const base = { DATA_DIR: 'memory://', SECRET: 'test-secret-0123456789abcdef' };

describe('TRUST_PROXY setting', () => {
  it('is off by default', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('accepts true, addresses, CIDR ranges and proxy-addr names', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(
      loadConfig({ ...base, TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,fd00::/8,loopback' }).trustProxy,
    ).toEqual(['10.0.0.1', '192.168.0.0/16', 'fd00::/8', 'loopback']);
  });

  it('refuses what Fastify would not honour, naming the variable', () => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY.*hop count/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.1,proxy.local' })).toThrow(
      /TRUST_PROXY.*proxy\.local/,
    );
    expect(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});

describe('X-Forwarded-For and the per-IP login limit', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  /** A server whose per-address log-in budget is 10 a minute, counting on its own. */
  const limited = (trustProxy: false | string[]) =>
    startTestServer({
      config: {
        trustProxy,
        redisPrefix: `sb-test-${randomUUID()}`,
        rateLimits: { ...loadConfig(base).rateLimits, loginAttemptsPerAddress: 10 },
      },
    });

  /** Failed logins of different e-mails, each claiming another forwarded address. */
  async function statuses(count: number) {
    const codes: number[] = [];
    for (let i = 1; i <= count; i++) {
      const res = await server!.sb.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        payload: JSON.stringify({ email: `nobody-${i}@test.example`, password: 'wrong' }),
      });
      codes.push(res.statusCode);
    }
    return codes;
  }

  it('ignores the header by default, so spoofed addresses still hit the limit', async () => {
    server = await limited(false);
    expect((await statuses(11)).at(-1)).toBe(429);
  });

  it('ignores the header from a peer that is not a listed proxy', async () => {
    server = await limited(['10.9.9.9']);
    expect((await statuses(11)).at(-1)).toBe(429);
  });

  it('counts each forwarded client separately behind a trusted proxy', async () => {
    server = await limited(['127.0.0.1']);
    expect(await statuses(11)).not.toContain(429);
  });
});
