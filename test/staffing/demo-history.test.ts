import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, seedDemo } from '../../src/cli/seed-demo.js';
import { type HistorySummary, seedHistory } from '../../src/cli/seed-history.js';
import { createMemoryBus } from '../../src/events/bus.js';
import { testClock, tokenHeaders } from '../support/dialogs.js';
import { startTestServer, storeName, type TestServer } from '../support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies; the assertions check their shape
type Body = any;

const NOW = '2026-11-25T15:00:00Z'; // a Wednesday afternoon in Moscow
const clock = testClock(NOW);
let server: TestServer;
const demos: { demo: DemoAccount; summary: HistorySummary }[] = [];
let headers: Record<string, string>;

async function demoWithHistory(seed: number) {
  const services = {
    db: server.sb.services.db,
    bus: createMemoryBus(),
    now: clock.now,
    random: Math.random,
  };
  const demo = await seedDemo(services, 'demo-password');
  const summary = await seedHistory(server.sb.services.db, demo, {
    days: 3,
    seed,
    volume: 0.6,
    end: new Date(NOW),
  });
  return { demo, summary };
}

/** What the history left in an account, by names rather than ids. */
async function footprint(accountId: string) {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT o.name AS operator, ch.kind AS channel, c.language, c.rating, c.closed_by,
      count(*)::int AS n, sum(m.wait_ms)::bigint AS wait, sum(m.first_response_ms)::bigint AS frt,
      sum(a.score)::numeric(10,4) AS score
    FROM conversations c
    JOIN channels ch ON ch.id = c.channel_id
    JOIN conversation_metrics m ON m.conversation_id = c.id
    LEFT JOIN operators o ON o.id = c.operator_id
    LEFT JOIN audit_results a ON a.conversation_id = c.id
    WHERE c.account_id = ${accountId}
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`.execute(server.sb.services.db);
  return rows;
}

beforeAll(async () => {
  server = await startTestServer({ now: clock.now });
  demos.push(await demoWithHistory(11), await demoWithHistory(11), await demoWithHistory(12));
  const natalia = demos[0]!.demo.directory.operators.natalia!;
  headers = await tokenHeaders(server.sb.services, {
    accountId: demos[0]!.demo.accountId,
    actor: { kind: 'operator', id: natalia, role: 'supervisor' },
  });
}, 600_000);
afterAll(() => server?.close());

async function replay(body: unknown, as = headers) {
  const res = await fetch(`${server.url}/api/v1/replay`, {
    method: 'POST',
    headers: as,
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

describe(`the demo's lived history (${storeName})`, () => {
  it('is the same for the same seed, and another for another seed', async () => {
    const [a, b, c] = demos;
    expect(b!.summary).toEqual(a!.summary);
    expect(await footprint(b!.demo.accountId)).toEqual(await footprint(a!.demo.accountId));
    expect(c!.summary).not.toEqual(a!.summary);
  });

  it('has every channel, language and outcome a month of a shop has', async () => {
    const { summary, demo } = demos[0]!;
    expect(summary.conversations).toBeGreaterThan(60);
    expect(summary.transfers).toBeGreaterThan(0);
    expect(summary.abandoned).toBeGreaterThan(0);
    const db = server.sb.services.db;
    const by = async (column: string) =>
      (
        await sql<{
          v: string | null;
        }>`SELECT DISTINCT ${sql.ref(column)}::text AS v FROM conversations c
          JOIN channels ch ON ch.id = c.channel_id WHERE c.account_id = ${demo.accountId}`.execute(
          db,
        )
      ).rows.map((r) => r.v);
    expect(await by('ch.kind')).toEqual(expect.arrayContaining(['widget', 'telegram', 'email']));
    expect(await by('c.language')).toEqual(expect.arrayContaining(['ru', 'uk', 'en']));
    expect(await by('c.rating')).toEqual(expect.arrayContaining(['like', 'dislike']));
    expect(await by('c.closed_by')).toEqual(expect.arrayContaining(['operator', 'contact']));
    const audits = await sql<{ passed: number; failed: number; categories: number }>`
      SELECT count(*) FILTER (WHERE cardinality(a.failed) = 0)::int AS passed,
             count(*) FILTER (WHERE cardinality(a.failed) > 0)::int AS failed,
             (SELECT count(DISTINCT category_id)::int FROM conversations
               WHERE account_id = ${demo.accountId}) AS categories
      FROM audit_results a WHERE a.account_id = ${demo.accountId}`.execute(db);
    expect(audits.rows[0]!.passed).toBeGreaterThan(0);
    expect(audits.rows[0]!.failed).toBeGreaterThan(0);
    expect(audits.rows[0]!.categories).toBeGreaterThanOrEqual(4);
    // Nothing is left open or waiting, nobody is online, and the outbound
    // cursor is past the history: none of its replies goes out to Telegram or e-mail.
    const left = await sql<{ open: number; online: number; behind: number }>`
      SELECT (SELECT count(*)::int FROM conversations WHERE account_id = ${demo.accountId} AND state <> 'closed') AS open,
             (SELECT count(*)::int FROM operators WHERE account_id = ${demo.accountId} AND status <> 'offline') AS online,
             (SELECT count(*)::int FROM events e WHERE e.account_id = ${demo.accountId} AND e.id >
               (SELECT event_id FROM event_cursors WHERE account_id = ${demo.accountId} AND consumer = 'outbound')) AS behind`.execute(
      db,
    );
    expect(left.rows[0]).toEqual({ open: 0, online: 0, behind: 0 });
  });
});

describe(`what-if replay API (${storeName})`, () => {
  const period = { from: '2026-11-22T00:00:00Z', to: '2026-11-25T15:00:00Z', tz: 'Europe/Moscow' };

  it('replays the unchanged settings close to what happened', async () => {
    const { status, body } = await replay(period);
    expect(status).toBe(200);
    const { actual, unchanged } = body;
    expect(actual.totals.conversations).toBeGreaterThan(40);
    expect(unchanged.totals.conversations).toBe(actual.totals.conversations);
    expect(Math.abs(unchanged.totals.serviceLevel - actual.totals.serviceLevel)).toBeLessThan(0.03);
    expect(Math.abs(unchanged.totals.abandoned - actual.totals.abandoned)).toBeLessThanOrEqual(2);
    expect(body.actual.hours).toHaveLength(body.replay.hours.length);
    expect(body.actual.operators.map((o: Body) => o.name)).toEqual(
      expect.arrayContaining(['Tatiana', 'Ivan']),
    );
  });

  it('answers more operators per hour with a service level at least as high', async () => {
    const base = await replay(period);
    const more = await replay({ ...period, settings: { operatorsPerHour: Array(24).fill(6) } });
    expect(more.status).toBe(200);
    expect(more.body.replay.totals.serviceLevel).toBeGreaterThanOrEqual(
      base.body.replay.totals.serviceLevel,
    );
    expect(more.body.replay.operators.some((o: Body) => o.virtual)).toBe(true);
  });

  it('refuses ids of another account, naming the field, and operators', async () => {
    const stranger = demos[2]!.demo.directory.operators.tatiana!;
    const foreign = await replay({ ...period, settings: { limits: { [stranger]: 3 } } });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain(`settings.limits.${stranger}`);
    const long = await replay({ from: '2026-09-01T00:00:00Z', to: NOW });
    expect(long.status).toBe(400);
    const ivan = demos[0]!.demo.directory.operators.ivan!;
    const operatorHeaders = await tokenHeaders(server.sb.services, {
      accountId: demos[0]!.demo.accountId,
      actor: { kind: 'operator', id: ivan, role: 'operator' },
    });
    expect((await replay(period, operatorHeaders)).status).toBe(403);
  });
});

describe(`staffing forecast on the demo history (${storeName})`, () => {
  it('shows required beside the operators who were online, at the concurrency they carried', async () => {
    const res = await fetch(`${server.url}/api/v1/staffing?weeks=1&interval=30&tz=Europe/Moscow`, {
      headers,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.inputs.measuredConcurrency).toBeGreaterThanOrEqual(1);
    expect(body.inputs.concurrency).toBe(body.inputs.measuredConcurrency);
    expect(body.cells).toHaveLength(336);
    const staffed = body.cells.filter((c: Body) => c.scheduledOperators > 0);
    const needed = body.cells.filter((c: Body) => c.recommendedOperators > 0);
    expect(staffed.length).toBeGreaterThan(10);
    expect(needed.length).toBeGreaterThan(10);
    // Nobody works at 4 in the morning in the shop.
    expect(body.cells.find((c: Body) => c.hour === 4)?.scheduledOperators).toBe(0);
  });
});
