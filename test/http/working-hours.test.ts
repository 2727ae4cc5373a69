// Working hours over HTTP on the real server: closed days, several intervals
// a day and holidays save; the client's notice follows them on the local
// clock across a DST change; a team with hours of its own answers by them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform } from '../../src/actions/context.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

let server: TestServer;
let clock = Date.parse('2026-03-23T07:30:00Z');

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(clock) });
});
afterAll(() => server.close());

const BERLIN_WEEK = {
  timezone: 'Europe/Berlin',
  days: {
    mon: [
      { from: '09:00', to: '13:00' },
      { from: '14:00', to: '18:00' },
    ],
    tue: [{ from: '09:00', to: '18:00' }],
    wed: { from: '09:00', to: '18:00' },
    thu: [{ from: '09:00', to: '18:00' }],
    fri: [{ from: '09:00', to: '18:00' }],
    sat: [],
  },
  holidays: [
    { date: '2026-04-06', intervals: [] },
    { date: '2026-04-04', intervals: [{ from: '10:00', to: '12:00' }] },
  ],
};

interface Hours {
  days: Record<string, unknown>;
  holidays: { date: string }[];
}
interface Answer {
  error?: { code: string; field: string; reason: string };
  settings?: { workingHours: Hours };
  account?: { settings: { workingHours: Hours | null } };
  workingHours?: Hours | null;
}

async function call(headers: LoginHeaders, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

/** A conversation queued at `at`; resolves with the notice its client got. */
async function noticeAt(account: TestAccount, at: string, channel = 'widget'): Promise<string> {
  clock = Date.parse(at);
  const services = server.sb.services;
  const channelId = account.channels[channel]!.id;
  const { result: contact } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
  );
  const { result } = await perform(services, account.system, (ctx) =>
    startConversation(ctx, { channelId, contactId: contact.id }),
  );
  await server.sb.router.route(account.accountId);
  for (let i = 0; i < 500; i++) {
    const notice = await services.db
      .selectFrom('messages')
      .select('text')
      .where('conversation_id', '=', result.conversation.id)
      .where('author_kind', '=', 'system')
      .executeTakeFirst();
    if (notice) return notice.text;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no notice was sent');
}

const OUTSIDE = /outside working hours/;
const NOBODY = /All operators are offline/;

describe(`working hours (${storeName})`, () => {
  it('saves a week with closed days, a lunch break and holidays, as lists', async () => {
    const account = await buildAccount(server.sb.services);
    const admin = await loginHeaders(server.url, account.admin);
    const saved = await call(admin, 'PATCH', '/account', {
      settings: { workingHours: BERLIN_WEEK },
    });
    expect(saved.status).toBe(200);
    const hours = saved.body.settings!.workingHours;
    expect(hours.days.sun).toBeUndefined();
    expect(hours.days.sat).toBeUndefined();
    expect(hours.days.wed).toEqual([{ from: '09:00', to: '18:00' }]);
    expect(hours.days.mon).toHaveLength(2);
    expect(hours.holidays.map((h) => h.date)).toEqual(['2026-04-04', '2026-04-06']);
    const me = await call(admin, 'GET', '/me');
    expect(me.body.account!.settings.workingHours).toEqual(hours);
  });

  it('refuses overlaps, bad times, unknown zones and repeated dates at their field', async () => {
    const account = await buildAccount(server.sb.services);
    const admin = await loginHeaders(server.url, account.admin);
    const refused = async (workingHours: unknown) => {
      const res = await call(admin, 'PATCH', '/account', { settings: { workingHours } });
      expect(res.status).toBe(400);
      return res.body.error;
    };
    expect(
      await refused({
        ...BERLIN_WEEK,
        days: {
          tue: [
            { from: '09:00', to: '13:00' },
            { from: '12:30', to: '18:00' },
          ],
        },
      }),
    ).toMatchObject({ field: 'settings.workingHours.days.tue.1', reason: 'overlap' });
    expect(
      await refused({ ...BERLIN_WEEK, days: { mon: [{ from: '9am', to: '18:00' }] } }),
    ).toMatchObject({ field: 'settings.workingHours.days.mon.0.from', reason: 'invalid_time' });
    expect(await refused({ ...BERLIN_WEEK, timezone: 'Europe/Atlantis' })).toMatchObject({
      field: 'settings.workingHours.timezone',
      reason: 'unknown_timezone',
    });
    expect(
      await refused({
        ...BERLIN_WEEK,
        holidays: [
          { date: '2026-01-01', intervals: [] },
          { date: '2026-01-01', intervals: [] },
        ],
      }),
    ).toMatchObject({ field: 'settings.workingHours.holidays.1.date', reason: 'duplicate_date' });
    expect(
      await refused({ ...BERLIN_WEEK, holidays: [{ date: '2026-02-30', intervals: [] }] }),
    ).toMatchObject({ field: 'settings.workingHours.holidays.0.date', reason: 'invalid_date' });
    const me = await call(admin, 'GET', '/me');
    expect(me.body.account!.settings.workingHours).toBeNull();
  });

  it('tells clients by the local clock on both sides of the spring DST change', async () => {
    const account = await buildAccount(server.sb.services);
    const admin = await loginHeaders(server.url, account.admin);
    await call(admin, 'PATCH', '/account', { settings: { workingHours: BERLIN_WEEK } });
    // 07:30 UTC: 08:30 in Berlin on Monday 23 March (CET), closed…
    expect(await noticeAt(account, '2026-03-23T07:30:00Z')).toMatch(OUTSIDE);
    // …and 09:30 on Monday 30 March, after the clocks went forward (CEST), open.
    expect(await noticeAt(account, '2026-03-30T07:30:00Z')).toMatch(NOBODY);
    // The lunch break between Monday's two intervals is closed.
    expect(await noticeAt(account, '2026-03-30T11:30:00Z')).toMatch(OUTSIDE);
    // A closed day (Sunday) and a closed holiday (Easter Monday) are closed.
    expect(await noticeAt(account, '2026-03-29T10:00:00Z')).toMatch(OUTSIDE);
    expect(await noticeAt(account, '2026-04-06T08:00:00Z')).toMatch(OUTSIDE);
    // A Saturday holiday with its own hours is open within them.
    expect(await noticeAt(account, '2026-04-04T08:30:00Z')).toMatch(NOBODY);
    expect(await noticeAt(account, '2026-04-04T10:30:00Z')).toMatch(OUTSIDE);
  });

  it("answers a team's conversations by the team's own hours, others by the account's", async () => {
    const account = await buildAccount(server.sb.services, {
      teams: [
        { name: 'night', mode: 'least_loaded' },
        { name: 'day', mode: 'least_loaded' },
      ],
      channels: [
        { name: 'widget', kind: 'widget', team: 'day' },
        { name: 'night-line', kind: 'widget', team: 'night' },
      ],
    });
    const admin = await loginHeaders(server.url, account.admin);
    await call(admin, 'PATCH', '/account', { settings: { workingHours: BERLIN_WEEK } });
    const team = await call(admin, 'PATCH', `/teams/${account.teams.night}`, {
      workingHours: {
        timezone: 'Europe/Berlin',
        days: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
            d,
            [{ from: '20:00', to: '08:00' }],
          ]),
        ),
      },
    });
    expect(team.status).toBe(200);
    expect(team.body.workingHours!.days.sun).toEqual([{ from: '20:00', to: '08:00' }]);
    // Sunday 23:00 in Berlin: the account is closed, the night team is not.
    expect(await noticeAt(account, '2026-03-29T21:00:00Z', 'night-line')).toMatch(NOBODY);
    expect(await noticeAt(account, '2026-03-29T21:00:00Z')).toMatch(OUTSIDE);
    // Cleared, the team follows the account again.
    const cleared = await call(admin, 'PATCH', `/teams/${account.teams.night}`, {
      workingHours: null,
    });
    expect(cleared.body.workingHours).toBeNull();
    expect(await noticeAt(account, '2026-03-29T21:00:00Z', 'night-line')).toMatch(OUTSIDE);
  });
});
