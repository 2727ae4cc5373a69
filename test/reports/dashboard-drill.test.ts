// The supervisor dashboard (today so far vs the same weekday last week) and
// the drill-down list behind report figures, on dialogs played at exact
// instants; every expected number is worked out by hand below (T = 20 s, UTC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeName } from '../support/harness.js';
import { type ErrorBody, Play, startWorld, T0, type World } from './support.js';

let world: World;
let play: Play;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// T0 is Monday 08:00 UTC; "now" is 08:30, the same weekday last week is Feb 26.
const NOW = T0 + 30 * 60_000;
const ids = { lastWeek: '', lastWeekLater: '', ivan: '', petr: '', anna: '' };
const at = (ms: number) => world.at(ms);

interface Figures {
  conversations: number;
  serviceLevel: number | null;
  firstResponseAvgS: number | null;
  missed: number;
  likes: number;
  auditScore: number | null;
}
interface DashboardBody {
  timeZone: string;
  serviceLevelThresholdS: number;
  today: { from: string; to: string; figures: Figures; hours: (Figures & { hour: number })[] };
  lastWeek: { from: string; to: string; figures: Figures; hours: (Figures & { hour: number })[] };
}
interface DrillBody {
  total: number;
  rows: {
    conversationId: string;
    clientName: string | null;
    channelName: string | null;
    operatorName: string | null;
    createdAt: string;
    waitS: number | null;
    firstResponseS: number | null;
    outcome: string;
    rating: string | null;
  }[];
}

beforeAll(async () => {
  world = await startWorld();
  play = await Play.create(world);
  // A week ago, 07:00: Natalia answers after 30 s (over T), liked.
  const olga = await play.contact('widget', 'Olga');
  at(T0 - 7 * DAY - HOUR);
  ids.lastWeek = await play.says(olga, 'Hello');
  at(T0 - 7 * DAY - HOUR + 10_000);
  await play.take('Natalia', ids.lastWeek);
  at(T0 - 7 * DAY - HOUR + 30_000);
  await play.reply('Natalia', ids.lastWeek);
  await play.closeBy('Natalia', ids.lastWeek);
  await play.rate(olga, ids.lastWeek, 'like');
  // A week ago, 09:00: later in the day than now, so not in the comparison.
  const boris = await play.contact('widget', 'Boris');
  at(T0 - 7 * DAY + HOUR);
  ids.lastWeekLater = await play.says(boris, 'Hello');

  // Today 07:00: Maxim takes after 5 s and answers at 10 s; liked.
  const ivan = await play.contact('widget', 'Ivan');
  at(T0 - HOUR);
  ids.ivan = await play.says(ivan, 'Hi');
  at(T0 - HOUR + 5_000);
  await play.take('Maxim', ids.ivan);
  at(T0 - HOUR + 10_000);
  await play.reply('Maxim', ids.ivan);
  await play.closeBy('Maxim', ids.ivan);
  await play.rate(ivan, ids.ivan, 'like');
  // Today 07:30: the client gives up unanswered — abandoned, missed.
  const petr = await play.contact('telegram', 'Petr');
  at(T0 - 30 * 60_000);
  ids.petr = await play.says(petr, 'Anyone?');
  at(T0 - 29 * 60_000);
  await play.closeBy(petr, ids.petr);
  // Today 08:10: still waiting.
  const anna = await play.contact('widget', 'Anna');
  at(T0 + 10 * 60_000);
  ids.anna = await play.says(anna, 'Question');
  at(NOW);
  await world.server.sb.auditor.idle();
});
afterAll(() => world.close());

async function auditScoreOf(conversationId: string): Promise<number> {
  const row = await world.server.sb.services.db
    .selectFrom('audit_results')
    .select('score')
    .where('conversation_id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return row.score;
}

describe(`dashboard and drill-down API (${storeName})`, () => {
  it('compares today so far with the same weekday last week until the same time', async () => {
    const { status, body } = await play.get<DashboardBody>('/reports/dashboard', 'Sveta');
    expect(status).toBe(200);
    expect(body.timeZone).toBe('UTC');
    expect(body.serviceLevelThresholdS).toBe(20);
    expect(body.today.from).toBe('2024-03-04T00:00:00.000Z');
    expect(body.today.to).toBe(new Date(NOW).toISOString());
    expect(body.lastWeek.from).toBe('2024-02-26T00:00:00.000Z');
    expect(body.lastWeek.to).toBe(new Date(NOW - 7 * DAY).toISOString());
    const audited = [await auditScoreOf(ids.ivan), await auditScoreOf(ids.petr)];
    expect(body.today.figures).toEqual({
      conversations: 3,
      // Ivan within 20 s; Petr abandoned counts as failed; Anna is open, undecided.
      serviceLevel: 0.5,
      firstResponseAvgS: 10,
      missed: 1,
      likes: 1,
      auditScore: (audited[0]! + audited[1]!) / 2,
    });
    expect(body.lastWeek.figures).toEqual({
      conversations: 1,
      serviceLevel: 0,
      firstResponseAvgS: 30,
      missed: 0,
      likes: 1,
      auditScore: await auditScoreOf(ids.lastWeek),
    });
    // Every hour up to now's, empty ones included; the hours add up to the day.
    expect(body.today.hours.map((h) => h.hour)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(body.today.hours.map((h) => h.conversations)).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 1]);
    expect(body.today.hours[7]).toMatchObject({ serviceLevel: 0.5, missed: 1, likes: 1 });
    expect(body.today.hours[0]).toMatchObject({ serviceLevel: null, firstResponseAvgS: null });
    expect(body.lastWeek.hours.map((h) => h.conversations)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('cuts the day in the zone asked for', async () => {
    // In Moscow (UTC+3) it is 11:30: today began at 21:00 UTC the day before.
    const { body } = await play.get<DashboardBody>('/reports/dashboard?tz=Europe/Moscow', 'Sveta');
    expect(body.today.from).toBe('2024-03-03T21:00:00.000Z');
    expect(body.today.hours).toHaveLength(12);
    expect(body.today.hours[10]?.conversations).toBe(2);
    const bad = await play.get<ErrorBody>('/reports/dashboard?tz=Mars/Olympus', 'Sveta');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('tz');
  });

  it('is for supervisors and admins only', async () => {
    const { status } = await play.get('/reports/dashboard', 'Natalia');
    expect(status).toBe(403);
    expect((await play.get('/reports/conversations', 'Natalia')).status).toBe(403);
  });

  it('lists the conversations behind a figure with client, channel, operator, time, wait, first response and outcome', async () => {
    const today = `from=${new Date(T0 - 8 * HOUR).toISOString()}&to=${new Date(NOW).toISOString()}`;
    const { status, body } = await play.get<DrillBody>(`/reports/conversations?${today}`);
    expect(status).toBe(200);
    expect(body.total).toBe(3);
    expect(body.rows).toEqual([
      {
        conversationId: ids.anna,
        clientName: 'Anna',
        channelId: play.account.channels.widget!.id,
        channelName: 'widget',
        operatorId: null,
        operatorName: null,
        createdAt: new Date(T0 + 10 * 60_000).toISOString(),
        waitS: null,
        firstResponseS: null,
        outcome: 'open',
        rating: null,
      },
      expect.objectContaining({
        conversationId: ids.petr,
        clientName: 'Petr',
        channelName: 'telegram',
        operatorName: null,
        outcome: 'abandoned',
      }),
      expect.objectContaining({
        conversationId: ids.ivan,
        clientName: 'Ivan',
        channelName: 'widget',
        operatorName: 'Maxim',
        createdAt: new Date(T0 - HOUR).toISOString(),
        waitS: 5,
        firstResponseS: 10,
        outcome: 'answered',
        rating: 'like',
      }),
    ]);
    const liked = await play.get<DrillBody>(`/reports/conversations?rating=like&limit=1&${today}`);
    expect(liked.body.total).toBe(1);
    expect(liked.body.rows.map((r) => r.conversationId)).toEqual([ids.ivan]);
    const maxim = play.account.operator('Maxim').id;
    const mine = await play.get<DrillBody>(`/reports/conversations?operatorId=${maxim}&${today}`);
    expect(mine.body.rows.map((r) => r.conversationId)).toEqual([ids.ivan]);
  });

  it('names the bad parameter', async () => {
    for (const [query, field] of [
      ['rating=meh', 'rating'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      [`channelId=${crypto.randomUUID()}`, 'channelId'],
    ] as const) {
      const { status, body } = await play.get<ErrorBody>(`/reports/conversations?${query}`);
      expect(status, query).toBe(400);
      expect(body.error.field, query).toBe(field);
    }
  });
});
