// The server secret lives in DATA_DIR/keys (not beside the upload tree), and
// rotates: tokens signed with the previous secret verify for a grace period.
// Visitor tokens expire after a period without renewal.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.js';
import { signVisitorToken, verifyVisitorToken } from '../../src/http/visitor-token.js';
import { envSecrets, fileSecrets, keyFilePath, rotateSecretFile } from '../../src/secrets.js';
import type { Store } from '../../src/store/database.js';
import {
  buildAccount,
  openTestStore,
  startTestServer,
  storeName,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const claims = { accountId: 'a', channelId: 'c', contactId: 'k', visitorId: 'v' };
const tempDir = () => mkdtempSync(join(tmpdir(), 'sb-secrets-'));

describe('the server secret on disk', () => {
  it('moves DATA_DIR/secret into DATA_DIR/keys, readable by the owner only', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'secret'), 'an-old-secret-0123456789abcdef\n');
    const secrets = fileSecrets(dataDir, DAY);
    expect(secrets.current()).toBe('an-old-secret-0123456789abcdef');
    expect(existsSync(join(dataDir, 'secret'))).toBe(false);
    expect(statSync(keyFilePath(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    // Started again, it is the same secret.
    expect(fileSecrets(dataDir, DAY).current()).toBe('an-old-secret-0123456789abcdef');
  });

  it('rotates: the previous secret verifies during the grace period, then not', () => {
    const dataDir = tempDir();
    const running = fileSecrets(dataDir, DAY);
    const old = running.current();
    const now = new Date();
    rotateSecretFile(dataDir, DAY, now);
    expect(running.reload()).toBe(true);
    expect(running.reload()).toBe(false);
    expect(running.current()).not.toBe(old);
    expect(running.accepted(new Date(now.getTime() + DAY - 1000))).toContain(old);
    expect(running.accepted(new Date(now.getTime() + DAY + 1000))).not.toContain(old);
    // A second rotation keeps both earlier secrets while they are in grace.
    const middle = running.current();
    rotateSecretFile(dataDir, DAY, new Date(now.getTime() + HOUR));
    running.reload();
    expect(running.accepted(new Date(now.getTime() + 2 * HOUR))).toEqual([
      running.current(),
      middle,
      old,
    ]);
  });

  it('takes SECRET_PREVIOUS from the environment for the grace period after SECRET_ROTATED_AT', () => {
    const rotatedAt = '2026-01-01T00:00:00Z';
    const config = loadConfig({
      DATA_DIR: 'memory://',
      SECRET: 'new-secret-0123456789abcdef',
      SECRET_PREVIOUS: 'old-secret-0123456789abcdef, older-secret-0123456789abcdef',
      SECRET_ROTATED_AT: rotatedAt,
      SECRET_GRACE_HOURS: '12',
    });
    const at = (hours: number) => new Date(Date.parse(rotatedAt) + hours * HOUR);
    expect(config.secrets.current()).toBe('new-secret-0123456789abcdef');
    expect(config.secrets.accepted(at(11))).toEqual([
      'new-secret-0123456789abcdef',
      'old-secret-0123456789abcdef',
      'older-secret-0123456789abcdef',
    ]);
    expect(config.secrets.accepted(at(13))).toEqual(['new-secret-0123456789abcdef']);
    expect(() =>
      loadConfig({ DATA_DIR: 'memory://', SECRET: 'x'.repeat(16), SECRET_PREVIOUS: 'short' }),
    ).toThrow(/SECRET_PREVIOUS/);
  });

  it('`switchboard rotate-secret` rotates the key file, and refuses when SECRET is set', async () => {
    const dataDir = tempDir();
    const before = fileSecrets(dataDir, DAY).current();
    const { SECRET: _unset, ...base } = process.env;
    const run = (env: Record<string, string>) =>
      promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'rotate-secret'], {
        env: { ...base, DATA_DIR: dataDir, ...env },
      });
    await run({});
    const file = JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8'));
    expect(file.current).not.toBe(before);
    expect(file.previous.map((p: { secret: string }) => p.secret)).toEqual([before]);
    await expect(run({ SECRET: 'env-secret-0123456789abcdef' })).rejects.toThrow(/SECRET_PREVIOUS/);
  }, 120_000);
});

describe('visitor tokens', () => {
  it('verify with any accepted secret and only while renewed within the idle period', () => {
    const now = new Date();
    const token = signVisitorToken('old-secret-0123456789', claims, {
      issuedAt: new Date(now.getTime() - 40 * DAY),
      seenAt: new Date(now.getTime() - 2 * DAY),
    });
    expect(verifyVisitorToken(['new-secret-0123456789'], token, now, 30 * DAY)).toBeNull();
    expect(
      verifyVisitorToken(['new-secret-0123456789', 'old-secret-0123456789'], token, now, 30 * DAY),
    ).toMatchObject({
      ...claims,
      issuedAt: new Date(Math.floor((now.getTime() - 40 * DAY) / 1000) * 1000),
    });
    expect(verifyVisitorToken(['old-secret-0123456789'], token, now, DAY)).toBeNull();
  });

  it('refuses tokens without an issue time (made before tokens expired)', () => {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const s = envSecrets('a-secret-0123456789abc', [], 0, new Date());
    const signed = signVisitorToken(s.current(), claims, {
      issuedAt: new Date(),
      seenAt: new Date(),
    });
    const mac = signed.split('.')[2];
    expect(verifyVisitorToken([s.current()], `v1.${body}.${mac}`, new Date(), DAY)).toBeNull();
  });
});

describe(`a running server rotates and expires tokens (${storeName})`, () => {
  let dataDir: string;
  let store: Store;
  let server: TestServer;
  let clock = Date.now();
  beforeAll(async () => {
    dataDir = tempDir();
    store = await openTestStore();
    server = await startTestServer({
      store,
      now: () => new Date(clock),
      config: {
        secrets: fileSecrets(dataDir, DAY),
        secretGraceMs: DAY,
        visitorTokenIdleMs: 30 * DAY,
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  const conversations = (token: string) =>
    fetch(`${server.url}/api/v1/visitor/conversations`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('keeps visitors through a rotation for the grace period, then starts them anew', async () => {
    const account = await buildAccount(server.sb.services);
    const key = account.channels.widget!.publicKey;
    const olga = await visitorSession(server.url, key);
    rotateSecretFile(dataDir, DAY, new Date(clock));
    expect(server.sb.config.secrets.reload()).toBe(true);
    expect((await conversations(olga.token)).status).toBe(200);
    // Renewed: the same visitor, now signed with the new secret.
    const renewed = await visitorSession(server.url, key, { token: olga.token });
    expect(renewed.contactId).toBe(olga.contactId);
    expect(renewed.token).not.toBe(olga.token);

    clock += DAY + 60_000;
    expect((await conversations(olga.token)).status).toBe(401);
    expect((await conversations(renewed.token)).status).toBe(200);
    const fresh = await visitorSession(server.url, key, { token: olga.token });
    expect(fresh.contactId).not.toBe(olga.contactId);
  });

  it('refuses a token idle for longer than the period, over HTTP and the websocket', async () => {
    const account = await buildAccount(server.sb.services);
    const key = account.channels.widget!.publicKey;
    const ivan = await visitorSession(server.url, key);
    clock += 29 * DAY;
    expect((await conversations(ivan.token)).status).toBe(200);
    const renewed = await visitorSession(server.url, key, { token: ivan.token });
    expect(renewed.contactId).toBe(ivan.contactId);

    clock += 2 * DAY;
    const expired = await conversations(ivan.token);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe(
      'unauthenticated',
    );
    const socket = new WebSocket(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(ivan.token)}`,
    );
    const code = await new Promise((resolve) => socket.once('close', resolve));
    expect(code).toBe(4401);
    // The renewed token is still within its period; an expired one starts anew.
    expect((await conversations(renewed.token)).status).toBe(200);
    const fresh = await visitorSession(server.url, key, { token: ivan.token });
    expect(fresh.contactId).not.toBe(ivan.contactId);
  });
});
