// The /reports endpoints on a small day whose every number is worked out by
// hand below (T = 20 s unless a test sets another).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeName } from '../support/harness.js';
import {
  type BreakdownBody,
  type ErrorBody,
  type OperatorsBody,
  Play,
  startWorld,
  T0,
  type World,
} from './support.js';

let world: World;
let play: Play;
const ids: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
const at = (seconds: number) => world.at(T0 + seconds * 1000);
const period = `from=${new Date(T0 - 3_600_000).toISOString()}&to=${new Date(T0 + 7_200_000).toISOString()}`;

beforeAll(async () => {
  world = await startWorld();
  play = await Play.create(world);
  await play.category('refund');
  await play.category('delivery');

  // A (widget): bot line, Natalia answers in 15 s, one reaction of 10 s, one
  // client message left unanswered after a system notice; liked, target.
  const olga = await play.contact('widget', 'Olga');
  at(0);
  ids.A = await play.says(olga, 'Hello');
  at(5);
  await play.bot(ids.A);
  at(10);
  await play.take('Natalia', ids.A);
  at(15);
  await play.reply('Natalia', ids.A);
  at(20);
  await play.says(olga, 'My card was charged twice');
  at(22);
  await play.says(olga, 'Yesterday');
  at(30);
  await play.reply('Natalia', ids.A, 'Let me check');
  at(40);
  await play.system(ids.A);
  at(45);
  await play.says(olga, 'Thanks');
  at(60);
  await play.closeBy('Natalia', ids.A, { category: 'refund', targeted: true });
  await play.rate(olga, ids.A, 'like');

  // B (widget): Maxim after a 30 s wait, first response 60 s, reaction 30 s; disliked, non-target.
  const ivan = await play.contact('widget', 'Ivan');
  at(100);
  ids.B = await play.says(ivan, 'Hi');
  at(130);
  await play.take('Maxim', ids.B);
  at(160);
  await play.reply('Maxim', ids.B);
  at(170);
  await play.says(ivan, 'Where is my parcel?');
  at(200);
  await play.reply('Maxim', ids.B, 'On its way');
  at(210);
  await play.closeBy('Maxim', ids.B, { category: 'delivery', targeted: false });
  await play.rate(ivan, ids.B, 'dislike');

  // C (api channel, sales), an hour later: only the bot answers, the client gives up — abandoned.
  const petr = await play.contact('telegram', 'Petr');
  at(3600 + 300);
  ids.C = await play.says(petr, 'Anyone?');
  at(3600 + 310);
  await play.bot(ids.C);
  at(3600 + 400);
  await play.closeBy(petr, ids.C);

  // D (widget), still open: Natalia answered in 10 s, the client's last message waits.
  const anna = await play.contact('widget', 'Anna');
  at(500);
  ids.D = await play.says(anna, 'Question');
  at(505);
  await play.take('Natalia', ids.D);
  at(510);
  await play.reply('Natalia', ids.D);
  at(520);
  await play.says(anna, 'And another');
  at(3 * 3600);
  await world.server.sb.auditor.idle();
});
afterAll(() => world.close());

describe(`reports API (${storeName})`, () => {
  /** The automatic audit's score of one closed conversation. */
  async function auditScoreOf(conversationId: string): Promise<number> {
    const row = await world.server.sb.services.db
      .selectFrom('audit_results')
      .select('score')
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    return row.score;
  }

  it('sums up each operator by the definitions of DESIGN §4', async () => {
    const { status, body } = await play.get<OperatorsBody>(`/reports/operators?${period}`);
    expect(status).toBe(200);
    expect(body.serviceLevelThresholdS).toBe(20);
    expect(body.from).toBe(new Date(T0 - 3_600_000).toISOString());
    expect(body.rows.map((r) => r.operatorName)).toEqual(['Maxim', 'Natalia']);
    const [maxim, natalia] = body.rows;
    expect(natalia).toEqual({
      operatorId: play.account.operator('Natalia').id,
      operatorName: 'Natalia',
      conversations: 2,
      firstResponseAvgS: 12.5,
      firstResponseMedianS: 12.5,
      answeredClientMessages: 4,
      unansweredClientMessages: 2,
      reactionAvgS: 10,
      durationAvgS: 60,
      likes: 1,
      dislikes: 0,
      likedConversationIds: [ids.A],
      dislikedConversationIds: [],
      targeted: 1,
      nonTargeted: 0,
      // Only A is closed and so audited.
      auditScore: await auditScoreOf(ids.A),
    });
    expect(maxim).toMatchObject({
      conversations: 1,
      firstResponseAvgS: 60,
      firstResponseMedianS: 60,
      answeredClientMessages: 2,
      unansweredClientMessages: 0,
      reactionAvgS: 30,
      durationAvgS: 110,
      likes: 0,
      dislikes: 1,
      dislikedConversationIds: [ids.B],
      targeted: 0,
      nonTargeted: 1,
      auditScore: await auditScoreOf(ids.B),
    });
  });

  it('cuts by channel with service level counting the abandoned dialog as failed', async () => {
    const { body } = await play.get<BreakdownBody>(`/reports/breakdown?by=channel&${period}`);
    expect(body.by).toBe('channel');
    expect(body.rows).toEqual([
      {
        key: play.account.channels.telegram!.id,
        label: 'telegram',
        conversations: 1,
        waitAvgS: null,
        waitMedianS: null,
        firstResponseAvgS: null,
        serviceLevel: 0,
        answeredWithinThreshold: 0,
        abandoned: 1,
        targeted: 0,
        nonTargeted: 0,
      },
      {
        key: play.account.channels.widget!.id,
        label: 'widget',
        conversations: 3,
        waitAvgS: 15,
        waitMedianS: 10,
        firstResponseAvgS: (15 + 60 + 10) / 3,
        serviceLevel: 0.5,
        answeredWithinThreshold: 1,
        abandoned: 0,
        targeted: 1,
        nonTargeted: 1,
      },
    ]);
  });

  it('takes the threshold from slSeconds, else the account setting', async () => {
    const custom = await play.get<BreakdownBody>(
      `/reports/breakdown?by=team&slSeconds=60&${period}`,
    );
    expect(custom.body.serviceLevelThresholdS).toBe(60);
    const billing = custom.body.rows.find((r) => r.key === play.account.teams.billing);
    expect(billing).toMatchObject({
      label: 'billing',
      serviceLevel: 1,
      answeredWithinThreshold: 2,
    });
    await play.patch('/account', { settings: { serviceLevelTargetMs: 10_000 } });
    const strict = await play.get<BreakdownBody>(`/reports/breakdown?by=team&${period}`);
    expect(strict.body.serviceLevelThresholdS).toBe(10);
    expect(strict.body.rows.find((r) => r.key === play.account.teams.billing)?.serviceLevel).toBe(
      0,
    );
    await play.patch('/account', { settings: { serviceLevelTargetMs: 20_000 } });
  });

  it("uses the channel's own threshold when the report is filtered to that channel", async () => {
    const widget = play.account.channels.widget!.id;
    const byChannel = () =>
      play.get<BreakdownBody>(`/reports/breakdown?by=channel&channelId=${widget}&${period}`);
    expect((await byChannel()).body.serviceLevelThresholdS).toBe(20);
    await play.patch(`/channels/${widget}`, { settings: { serviceLevelTargetMs: 90_000 } });
    const lenient = await byChannel();
    expect(lenient.body.serviceLevelThresholdS).toBe(90);
    // The 60 s first response now counts as within the threshold too.
    expect(lenient.body.rows[0]).toMatchObject({ serviceLevel: 1, answeredWithinThreshold: 2 });
    // Unfiltered reports keep the account's threshold.
    const all = await play.get<BreakdownBody>(`/reports/breakdown?by=channel&${period}`);
    expect(all.body.serviceLevelThresholdS).toBe(20);
    await play.patch(`/channels/${widget}`, { settings: { serviceLevelTargetMs: null } });
    expect((await byChannel()).body.serviceLevelThresholdS).toBe(20);
  });

  it('cuts by category with the uncategorised last', async () => {
    const { body } = await play.get<BreakdownBody>(`/reports/breakdown?by=category&${period}`);
    expect(body.rows.map((r) => [r.key, r.label, r.conversations])).toEqual([
      [play.categories.delivery, 'delivery', 1],
      [play.categories.refund, 'refund', 1],
      [null, '—', 2],
    ]);
  });

  it('cuts by hour and day in the requested time zone', async () => {
    const hours = await play.get<BreakdownBody>(`/reports/breakdown?by=hour&tz=UTC&${period}`);
    expect(hours.body.rows.map((r) => [r.key, r.label, r.conversations])).toEqual([
      ['2024-03-04T08:00:00.000Z', '2024-03-04 08:00', 3],
      ['2024-03-04T09:00:00.000Z', '2024-03-04 09:00', 1],
    ]);
    // 08:00 UTC is 03:00 in New York (EST, UTC-5) on 4 March: the local day starts at 05:00 UTC.
    const days = await play.get<BreakdownBody>(
      `/reports/breakdown?by=day&tz=America/New_York&${period}`,
    );
    expect(days.body.rows.map((r) => [r.key, r.label, r.conversations])).toEqual([
      ['2024-03-04T05:00:00.000Z', '2024-03-04', 4],
    ]);
    // 2024-03-04 is a Monday: the ISO week starts that day.
    const weeks = await play.get<BreakdownBody>(
      `/reports/breakdown?by=week&tz=Europe/Moscow&${period}`,
    );
    expect(weeks.body.rows.map((r) => [r.key, r.label])).toEqual([
      ['2024-03-03T21:00:00.000Z', '2024-03-04'],
    ]);
  });

  it('filters by period, operator, team and channel', async () => {
    const late = `from=${new Date(T0 + 50_000).toISOString()}&to=${new Date(T0 + 7_200_000).toISOString()}`;
    const afterA = await play.get<OperatorsBody>(`/reports/operators?${late}`);
    const natalia = afterA.body.rows.find((r) => r.operatorName === 'Natalia');
    expect(natalia).toMatchObject({ conversations: 1, firstResponseAvgS: 10, durationAvgS: null });

    const maxim = play.account.operator('Maxim').id;
    const onlyMaxim = await play.get<BreakdownBody>(
      `/reports/breakdown?by=channel&operatorId=${maxim}&${period}`,
    );
    expect(onlyMaxim.body.rows.map((r) => [r.label, r.conversations])).toEqual([['widget', 1]]);

    const sales = await play.get<BreakdownBody>(
      `/reports/breakdown?by=day&teamId=${play.account.teams.sales}&${period}`,
    );
    expect(sales.body.rows.map((r) => [r.conversations, r.abandoned])).toEqual([[1, 1]]);

    const widget = await play.get<OperatorsBody>(
      `/reports/operators?channelId=${play.account.channels.telegram!.id}&${period}`,
    );
    expect(widget.body.rows).toEqual([]);
  });

  it('defaults to the last 7 days up to now', async () => {
    const { body } = await play.get<OperatorsBody>('/reports/operators');
    expect(body.to).toBe(new Date(world.now()).toISOString());
    expect(body.from).toBe(new Date(world.now() - 7 * 86_400_000).toISOString());
    expect(body.rows).toHaveLength(2);
  });

  it('counts categories on one channel', async () => {
    const widget = play.account.channels.widget!.id;
    const { status, body } = await play.get<{ channelId: string; rows: unknown[] }>(
      `/reports/categories-by-channel?channelId=${widget}&${period}`,
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      channelId: widget,
      rows: [
        { categoryId: play.categories.delivery, categoryName: 'delivery', conversations: 1 },
        { categoryId: play.categories.refund, categoryName: 'refund', conversations: 1 },
        { categoryId: null, categoryName: '—', conversations: 1 },
      ],
    });
  });

  it('exports CSV with the JSON field names, leaving out the id lists', async () => {
    const res = await play.get(`/reports/operators?format=csv&${period}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="operators.csv"');
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'operatorId,operatorName,conversations,firstResponseAvgS,firstResponseMedianS,answeredClientMessages,unansweredClientMessages,reactionAvgS,durationAvgS,likes,dislikes,targeted,nonTargeted,auditScore',
    );
    expect(lines[2]).toBe(
      `${play.account.operator('Natalia').id},Natalia,2,12.5,12.5,4,2,10,60,1,0,1,0,${await auditScoreOf(ids.A)}`,
    );
    expect(lines[3]).toBe('');
  });

  it('quotes CSV cells and defuses formulas', async () => {
    const channelId = play.account.channels.telegram!.id;
    const conversationId = ids.C;
    const tricky = await play.category('Refund, "full"');
    const formula = await play.category('=HYPERLINK("http://evil.example","x")');
    await play.patch(`/conversations/${conversationId}/category`, { categoryId: formula });
    const res = await play.get(
      `/reports/breakdown?by=category&format=csv&channelId=${channelId}&${period}`,
    );
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="breakdown-category.csv"',
    );
    expect(res.text.split('\r\n')[1]).toBe(
      `${formula},"'=HYPERLINK(""http://evil.example"",""x"")",1,,,,0,0,1,0,0`,
    );
    await play.patch(`/conversations/${conversationId}/category`, { categoryId: tricky });
    const again = await play.get(
      `/reports/categories-by-channel?format=csv&channelId=${channelId}&${period}`,
    );
    expect(again.text).toBe(
      `categoryId,categoryName,conversations\r\n${tricky},"Refund, ""full""",1\r\n`,
    );
    await play.patch(`/conversations/${conversationId}/category`, { categoryId: null });
  });

  it('names the field of a bad filter', async () => {
    const cases: [string, string][] = [
      ['/reports/operators?from=yesterday', 'from'],
      ['/reports/operators?to=2024-13-01T00:00:00Z', 'to'],
      [
        `/reports/operators?from=${new Date(T0).toISOString()}&to=${new Date(T0).toISOString()}`,
        'from',
      ],
      ['/reports/operators?channelId=42', 'channelId'],
      ['/reports/operators?operatorId=not-a-uuid', 'operatorId'],
      [`/reports/operators?teamId=${crypto.randomUUID()}`, 'teamId'],
      ['/reports/breakdown?by=month', 'by'],
      ['/reports/breakdown', 'by'],
      ['/reports/breakdown?by=day&tz=Mars/Olympus', 'tz'],
      ['/reports/breakdown?by=day&slSeconds=-5', 'slSeconds'],
      ['/reports/operators?format=xlsx', 'format'],
      ['/reports/categories-by-channel', 'channelId'],
    ];
    for (const [path, field] of cases) {
      const { status, body } = await play.get<ErrorBody>(path);
      expect({ path, status, code: body.error.code, field: body.error.field }).toEqual({
        path,
        status: 400,
        code: 'validation_failed',
        field,
      });
    }
  });

  it('answers supervisors and admins, not operators', async () => {
    expect((await play.get(`/reports/operators?${period}`, 'Sveta')).status).toBe(200);
    for (const path of [
      '/reports/operators',
      '/reports/breakdown?by=channel',
      `/reports/categories-by-channel?channelId=${play.account.channels.widget!.id}`,
    ]) {
      const { status, body } = await play.get<ErrorBody>(path, 'Natalia');
      expect([status, body.error.code]).toEqual([403, 'forbidden']);
    }
    const anonymous = await fetch(`${world.server.url}/api/v1/reports/operators`);
    expect(anonymous.status).toBe(401);
  });

  it("never shows another account's conversations, nor takes its ids", async () => {
    const other = await Play.create(world);
    const client = await other.contact('widget');
    at(7000);
    const conversationId = await other.says(client);
    await other.take('Natalia', conversationId);
    await other.reply('Natalia', conversationId);
    await other.closeBy('Natalia', conversationId);
    at(3 * 3600);

    const mine = await play.get<BreakdownBody>(`/reports/breakdown?by=day&${period}`);
    expect(mine.body.rows.map((r) => r.conversations)).toEqual([4]);
    const theirs = await other.get<OperatorsBody>(`/reports/operators?${period}`);
    expect(theirs.body.rows.map((r) => [r.operatorId, r.conversations])).toEqual([
      [other.account.operator('Natalia').id, 1],
    ]);
    const foreign = await play.get<ErrorBody>(
      `/reports/categories-by-channel?channelId=${other.account.channels.widget!.id}`,
    );
    expect([foreign.status, foreign.body.error.field]).toEqual([400, 'channelId']);
    const foreignOperator = await play.get<ErrorBody>(
      `/reports/operators?operatorId=${other.account.operator('Natalia').id}`,
    );
    expect([foreignOperator.status, foreignOperator.body.error.field]).toEqual([400, 'operatorId']);
  });
});
