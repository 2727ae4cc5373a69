// One report must not stop the server: a report that would hold the store past
// REPORT_TIMEOUT_MS answers 422 period_too_large (PostgreSQL, embedded or
// not, cancels its statement). Other requests are answered meanwhile.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccount,
  databaseUrl,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

const DAY = 86_400_000;
let server: TestServer;
let account: TestAccount;
let admin: LoginHeaders;

beforeAll(async () => {
  server = await startTestServer({ config: { reportTimeoutMs: 300 } });
  account = await buildAccount(server.sb.services);
  admin = await loginHeaders(server.url, account.admin);
});
afterAll(() => server.close());

async function get(path: string) {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: admin });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; message: string; field: string | null } },
  };
}

const period = (days: number) => {
  const to = new Date();
  return `from=${new Date(to.getTime() - days * DAY).toISOString()}&to=${to.toISOString()}`;
};

describe(`report timeouts (${storeName})`, () => {
  it('answers period_too_large when a report runs past the timeout, and the workspace answers meanwhile', async () => {
    // Another session holds the report table: the report's statement waits
    // on it until statement_timeout cancels it.
    const blocker = new pg.Client({ connectionString: databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE conversation_metrics IN ACCESS EXCLUSIVE MODE');
      const report = get(`/reports/operators?${period(7)}`);
      const workspace = await get('/conversations?mine=true');
      expect(workspace.status).toBe(200);
      const res = await report;
      expect([res.status, res.body.error?.code, res.body.error?.field]).toEqual([
        422,
        'period_too_large',
        'from',
      ]);
      expect(res.body.error?.message).toMatch(/shorter period/);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // A long period is fine: only the time counts.
    expect((await get(`/reports/operators?${period(365)}`)).status).toBe(200);
  });
});
