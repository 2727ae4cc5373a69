// Log-in limits (issue 16): a whole office behind one NAT logs in at the start
// of a shift, while guessing one account's password stays slow, from however
// many addresses. Budgets are per address (every attempt) and per e-mail
// (failures), and configurable.
import { randomUUID } from 'node:crypto';
import { hash } from 'argon2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { perform } from '../../src/actions/context.js';
import { createOperator } from '../../src/actions/operators/create-operator.js';
import { passwords } from '../../src/actions/sessions/login.js';
import { loadConfig } from '../../src/config.js';
import { buildAccount, startTestServer, type TestServer } from '../support/harness.js';
import { addressFactory, call } from './support.js';

const MINUTE_MS = 60_000;
let server: TestServer;
let clockOffset = 0;
const address = addressFactory('10.62');

beforeAll(async () => {
  server = await startTestServer({
    now: () => new Date(Date.now() + clockOffset),
    config: { trustProxy: true, redisPrefix: `sb-test-${randomUUID()}` },
  });
});
afterAll(() => server.close());
afterEach(() => {
  vi.restoreAllMocks();
  clockOffset = 0;
});

const logIn = (email: string, password: string, from: string) =>
  call(server.url, null, 'POST', '/auth/login', { email, password }, { 'x-forwarded-for': from });

describe('log-in limits', () => {
  it('lets 300 operators behind one address log in within a minute', async () => {
    const account = await buildAccount(server.sb.services);
    const emails = Array.from({ length: 300 }, (_, i) => `shift-${i}-${randomUUID()}@test.example`);
    await perform(server.sb.services, account.system, async (ctx) => {
      for (const email of emails)
        await createOperator(ctx, { email, name: email, password: null, role: 'operator' });
    });
    // The limits are the subject here, not argon2: one shared hash, checked fast.
    const shared = await hash('office password');
    await server.sb.services.db
      .updateTable('operators')
      .set({ password_hash: shared })
      .where('account_id', '=', account.accountId)
      .where('email', 'in', emails)
      .execute();
    vi.spyOn(passwords, 'verify').mockImplementation(
      async (_hash, password) => password === 'office password',
    );

    const office = address();
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < emails.length; i += 30) {
      const batch = emails.slice(i, i + 30).map((e) => logIn(e, 'office password', office));
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(Date.now() - started).toBeLessThan(MINUTE_MS);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it("keeps guessing one account's password slow, from any number of addresses", async () => {
    const account = await buildAccount(server.sb.services, { operators: [{ name: 'Natalia' }] });
    const natalia = account.operator('Natalia');
    const office = address();
    for (let i = 0; i < 10; i++)
      expect((await logIn(natalia.email, `guess ${i}`, address())).status).toBe(401);

    // The budget is spent: even the right password waits, from a new address…
    const refused = await logIn(natalia.email.toUpperCase(), natalia.password, address());
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // …while colleagues at the same office log in as usual.
    expect((await logIn(account.admin.email, account.admin.password, office)).status).toBe(200);

    // The sliding window (15 minutes by default) ends it.
    clockOffset = 30 * MINUTE_MS;
    expect((await logIn(natalia.email, natalia.password, address())).status).toBe(200);
  });

  it('limits forgot-password requests per e-mail, whether or not it exists', async () => {
    const email = `nobody-${randomUUID()}@test.example`;
    const ask = () =>
      call(
        server.url,
        null,
        'POST',
        '/auth/password-reset',
        { email },
        {
          'x-forwarded-for': address(),
        },
      );
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(202);
    expect((await ask()).status).toBe(429);
  });
});

describe('configured budgets', () => {
  let small: TestServer;
  beforeAll(async () => {
    const limits = loadConfig({
      DATA_DIR: 'memory://',
      LOGIN_ATTEMPTS_PER_ADDRESS: '5',
      LOGIN_FAILURES_PER_EMAIL: '2',
      LOGIN_EMAIL_WINDOW_MINUTES: '1',
    }).rateLimits;
    small = await startTestServer({
      config: { trustProxy: true, redisPrefix: `sb-test-${randomUUID()}`, rateLimits: limits },
    });
  });
  afterAll(() => small.close());

  const attempt = (email: string, password: string, from: string) =>
    call(small.url, null, 'POST', '/auth/login', { email, password }, { 'x-forwarded-for': from });

  it('takes the per-address and per-e-mail budgets from the environment', async () => {
    const account = await buildAccount(small.sb.services, { operators: [{ name: 'Ivan' }] });
    const ivan = account.operator('Ivan');
    const one = address();
    for (let i = 0; i < 5; i++)
      expect((await attempt(`x${i}-${randomUUID()}@test.example`, 'pw', one)).status).toBe(401);
    expect((await attempt(ivan.email, ivan.password, one)).status).toBe(429);
    expect((await attempt(ivan.email, ivan.password, address())).status).toBe(200);

    expect((await attempt(ivan.email, 'wrong', address())).status).toBe(401);
    expect((await attempt(ivan.email, 'wrong', address())).status).toBe(401);
    expect((await attempt(ivan.email, ivan.password, address())).status).toBe(429);
  });

  it('reads every budget from the environment, with the documented defaults', () => {
    expect(loadConfig({ DATA_DIR: 'memory://' }).rateLimits).toEqual({
      visitorReadsPerVisitor: 120,
      visitorActionsPerVisitor: 20,
      widgetConfigPerAddress: 120,
      telegramWebhooksPerAddress: 1200,
      apiChannelRequestsPerAddress: 1200,
      loginAttemptsPerAddress: 600,
      loginFailuresPerEmail: 10,
      loginEmailWindowMs: 15 * MINUTE_MS,
      passwordResetsPerEmail: 3,
      passwordResetsPerAddress: 30,
      passwordChangesPerAddress: 10,
    });
    const set = loadConfig({ DATA_DIR: 'memory://', API_CHANNEL_REQUESTS_PER_ADDRESS: '0' });
    expect(set.rateLimits.apiChannelRequestsPerAddress).toBe(0);
  });
});
