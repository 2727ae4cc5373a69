import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffHour } from '../../src/domain/staffing.js';
import { type Line, playDialog, testClock, tokenHeaders } from '../support/dialogs.js';
import {
  buildAccount,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies; the assertions check their shape
type Body = any;

const NOW = '2026-11-23T12:00:00Z'; // a Monday
const clock = testClock(NOW);
let server: TestServer;
let account: TestAccount;
let other: TestAccount;
let headers: Record<string, string>;

const spec = {
  teams: [{ name: 'Support', mode: 'manual' as const }],
  operators: [
    { name: 'Sofia', role: 'supervisor' as const },
    { name: 'Natalia', teams: ['Support'], online: true },
  ],
  channels: [{ name: 'widget', team: 'Support' }],
};

// Taken 10 s in, closed 600 s later: a handle time of exactly 600 s.
const SHORT: readonly Line[] = [
  ['contact', 0, 'Hello, where is my order?'],
  ['operator', 10, 'Hello! Let me check.'],
];

async function seed(acc: TestAccount, at: string) {
  await playDialog(server.sb.services, clock, {
    account: acc,
    operator: 'Natalia',
    startAt: Date.parse(at),
    lines: SHORT,
    closeAt: 610,
  });
}

beforeAll(async () => {
  server = await startTestServer({ now: clock.now });
  account = await buildAccount(server.sb.services, spec);
  other = await buildAccount(server.sb.services, spec);
  // Two chats every Monday at 09:xx UTC for the last four weeks…
  for (const day of ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']) {
    await seed(account, `${day}T09:05:00Z`);
    await seed(account, `${day}T09:40:00Z`);
  }
  // …one five weeks ago (outside the default 4 weeks), and one in another account.
  await seed(account, '2026-10-19T09:10:00Z');
  await seed(other, '2026-11-16T15:00:00Z');
  clock.set(NOW);
  headers = await tokenHeaders(server.sb.services, account.scopeOf('Sofia'));
}, 120_000);
afterAll(() => server.close());

async function staffing(query: string, as = headers) {
  const res = await fetch(`${server.url}/api/v1/staffing${query}`, { headers: as });
  return { status: res.status, body: (await res.json()) as Body };
}

describe(`staffing forecast API (${storeName})`, () => {
  it('gives 168 cells that reflect the measured arrivals and handle time', async () => {
    const { status, body } = await staffing('?tz=UTC');
    expect(status).toBe(200);
    // Each chat was handled alone: the concurrency operators sustained is 1,
    // and the forecast uses it rather than their limit.
    expect(body.inputs).toMatchObject({
      weeks: 4,
      interval: 60,
      slTarget: 0.8,
      slSeconds: 20,
      concurrency: 1,
      measuredConcurrency: 1,
      tz: 'UTC',
      from: '2026-10-26T12:00:00.000Z',
      to: '2026-11-23T12:00:00.000Z',
    });
    expect(body.inputs.averageLimit).toBeGreaterThanOrEqual(1);
    expect(body.cells).toHaveLength(168);
    expect(body.cells[0]).toMatchObject({ dayOfWeek: 0, hour: 0 });
    expect(body.cells[167]).toMatchObject({ dayOfWeek: 6, hour: 23 });
    const busy = body.cells.filter((c: { arrivalsPerHour: number }) => c.arrivalsPerHour > 0);
    expect(busy).toHaveLength(1);
    const monday9 = busy[0];
    expect(monday9).toMatchObject({ dayOfWeek: 0, hour: 9, arrivalsPerHour: 2, handleTimeS: 600 });
    const expected = staffHour({ arrivalsPerHour: 2, ahtSeconds: 600 }, 1, {
      serviceLevel: 0.8,
      targetSeconds: 20,
    });
    expect(monday9.recommendedOperators).toBe(expected.operators);
    expect(monday9.recommendedOperators).toBeGreaterThan(0);
    // Quiet hours need nobody; they show the week's handle time.
    expect(body.cells[10]).toMatchObject({
      arrivalsPerHour: 0,
      handleTimeS: 600,
      recommendedOperators: 0,
    });
  });

  it('files arrivals by the local hour of the requested time zone', async () => {
    const { body } = await staffing('?tz=Europe/Moscow&weeks=6');
    const busy = body.cells.filter((c: { arrivalsPerHour: number }) => c.arrivalsPerHour > 0);
    // 09:xx UTC is 12:xx in Moscow; six weeks include the older chat: 9 chats / 6 weeks.
    expect(busy.map((c: { dayOfWeek: number; hour: number }) => [c.dayOfWeek, c.hour])).toEqual([
      [0, 12],
    ]);
    expect(busy[0].arrivalsPerHour).toBeCloseTo(9 / 6);
  });

  it('answers CSV with one header row of the JSON field names', async () => {
    const res = await fetch(`${server.url}/api/v1/staffing?tz=UTC&format=csv`, { headers });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="staffing.csv"');
    // A byte order mark first, so Excel reads UTF-8 (fetch's text() drops it).
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'dayOfWeek,hour,minute,arrivals,arrivalsPerHour,handleTimeS,recommendedOperators,scheduledOperators,gap,open',
    );
    expect(lines).toHaveLength(169);
    expect(lines[10]).toMatch(/^0,9,0,2,2,600,\d+,[\d.]+,-?[\d.]+,true$/);
  });

  it('forecasts by 15-minute intervals and takes the concurrency asked', async () => {
    const { status, body } = await staffing('?tz=UTC&interval=15&concurrency=2');
    expect(status).toBe(200);
    expect(body.inputs).toMatchObject({ interval: 15, concurrency: 2, measuredConcurrency: 1 });
    expect(body.cells).toHaveLength(672);
    const busy = body.cells.filter((c: { arrivals: number }) => c.arrivals > 0);
    // 09:05 and 09:40 every Monday: one chat a week in 09:00–09:15 and in 09:30–09:45.
    expect(
      busy.map((c: Body) => [c.dayOfWeek, c.hour, c.minute, c.arrivals, c.arrivalsPerHour]),
    ).toEqual([
      [0, 9, 0, 1, 4],
      [0, 9, 30, 1, 4],
    ]);
  });

  it('rejects bad parameters naming the field', async () => {
    const cases: [string, string][] = [
      ['?weeks=0', 'weeks'],
      ['?weeks=2.5', 'weeks'],
      ['?slTarget=1', 'slTarget'],
      ['?slSeconds=-5', 'slSeconds'],
      ['?concurrency=0.5', 'concurrency'],
      ['?interval=20', 'interval'],
      ['?tz=Mars/Olympus', 'tz'],
      [`?teamId=${other.teams.Support}`, 'teamId'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await staffing(query);
      expect(status, query).toBe(400);
      expect(body.error).toMatchObject({ code: 'validation_failed', field });
    }
  });

  it('is for supervisors and admins only, and counts only their account', async () => {
    const operator = await tokenHeaders(server.sb.services, account.scopeOf('Natalia'));
    const denied = await staffing('', operator);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    const theirs = await tokenHeaders(server.sb.services, other.scopeOf('Sofia'));
    const { body } = await staffing('?tz=UTC', theirs);
    const busy = body.cells.filter((c: { arrivalsPerHour: number }) => c.arrivalsPerHour > 0);
    expect(busy.map((c: { dayOfWeek: number; hour: number }) => [c.dayOfWeek, c.hour])).toEqual([
      [0, 15],
    ]);
    expect(busy[0].arrivalsPerHour).toBe(1 / 4);
  });
});
