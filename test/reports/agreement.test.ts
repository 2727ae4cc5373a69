// The reports compute the metrics in SQL for speed; this proves they agree with
// the domain definitions (src/domain/metrics) on the same seeded data: random
// dialogs played through the real actions — bot and system lines, transfers,
// closes by either side, ratings, categories, some left open — then every
// per-conversation value and every report row compared both ways.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  durationMs,
  firstResponseMs,
  groupBy,
  groupKeyOf,
  isAbandoned,
  type MetricItem,
  median,
  messageAnswering,
  reactionTimesMs,
  waitMs,
  withinServiceLevel,
} from '../../src/domain/metrics/index.js';
import { mulberry32 } from '../../src/domain/simulation/prng.js';
import { metricRowsSql } from '../../src/store/queries/conversation-metrics.js';
import { storeName } from '../support/harness.js';
import { Play, startWorld, T0, type World } from './support.js';

let world: World;
let play: Play;
const OPERATORS = ['Natalia', 'Maxim', 'Sveta'];
const period = `from=${new Date(T0 - 3_600_000).toISOString()}&to=${new Date(T0 + 3 * 86_400_000).toISOString()}`;

/** Plays `count` random dialogs, each starting a few minutes after the previous one. */
async function seed(count: number, random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const categories = [null, await play.category('refund'), await play.category('delivery')];
  let start = T0;
  for (let i = 0; i < count; i++) {
    start += Math.floor(random() * 3 * 3_600_000);
    world.at(start);
    const step = () => world.tick(Math.floor(random() * 90) + 1);
    const client = await play.contact(pick(['widget', 'telegram']));
    const id = await play.says(client);
    if (random() < 0.3) {
      step();
      await play.bot(id);
    }
    let operator: string | null = null;
    if (random() < 0.85) {
      step();
      // Sveta is in billing only; she gets conversations by transfer.
      operator = pick(['Natalia', 'Maxim']);
      await play.take(operator, id);
    }
    for (let turn = Math.floor(random() * 14); turn > 0; turn--) {
      step();
      const r = random();
      if (r < 0.45) await play.says(client, 'more');
      else if (r < 0.8 && operator) await play.reply(operator, id);
      else if (r < 0.9) await play.system(id);
      else if (operator) {
        const next = pick(OPERATORS.filter((o) => o !== operator));
        await play.transfer(operator, id, { operator: next });
        operator = next;
      }
    }
    const ending = random();
    step();
    if (ending < 0.45 && operator) {
      const category = pick(categories);
      await play.closeBy(operator, id, {
        ...(category ? { category: category === categories[1] ? 'refund' : 'delivery' } : {}),
        ...(random() < 0.7 ? { targeted: random() < 0.6 } : {}),
      });
    } else if (ending < 0.8) {
      await play.closeBy(client, id);
    }
    if (random() < 0.4) await play.rate(client, id, random() < 0.6 ? 'like' : 'dislike');
  }
  world.at(start + 3_600_000);
}

/** Everything the account has, as the domain's plain data. */
async function domainItems(): Promise<MetricItem[]> {
  const db = world.server.sb.services.db;
  const conversations = await db
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', play.account.accountId)
    .execute();
  const messages = await db
    .selectFrom('messages')
    .select(['conversation_id', 'seq', 'author_kind', 'author_id', 'created_at'])
    .where('account_id', '=', play.account.accountId)
    .execute();
  const ms = (d: Date | null) => (d === null ? null : new Date(d).getTime());
  return conversations.map((c) => ({
    conv: {
      id: c.id,
      createdAt: ms(c.created_at)!,
      queuedAt: ms(c.queued_at),
      assignedAt: ms(c.assigned_at),
      closedAt: ms(c.closed_at),
      closedBy: c.closed_by,
      operatorId: c.operator_id,
      channelId: c.channel_id,
      teamId: c.team_id,
      categoryId: c.category_id,
      targeted: c.targeted,
      rating: c.rating,
    },
    messages: messages
      .filter((m) => m.conversation_id === c.id)
      .map((m) => ({
        seq: m.seq,
        author: m.author_kind,
        at: ms(m.created_at)!,
        operatorId: m.author_id,
      })),
  }));
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

beforeAll(async () => {
  world = await startWorld();
  play = await Play.create(world);
  await seed(40, mulberry32(20240304));
});
afterAll(() => world.close());

describe(`reports agree with the domain definitions (${storeName})`, () => {
  it('computes every per-conversation value as definitions.ts does', async () => {
    const items = await domainItems();
    expect(items.length).toBe(40);
    const { rows } = await sql<{
      conversation_id: string;
      first_response_ms: number | null;
      wait_ms: number | null;
      duration_ms: number | null;
      answered: number;
      unanswered: number;
      reaction_sum_ms: number;
      reaction_count: number;
      abandoned: boolean;
      sl_decided: boolean;
    }>`${metricRowsSql(sql`c.account_id = ${play.account.accountId}`)}`.execute(
      world.server.sb.services.db,
    );
    const byId = new Map(rows.map((r) => [r.conversation_id, r]));
    for (const { conv, messages } of items) {
      const reactions = reactionTimesMs(messages);
      const row = byId.get(conv.id)!;
      expect({ id: conv.id, ...row }).toEqual({
        id: conv.id,
        ...row,
        first_response_ms: firstResponseMs(conv, messages),
        wait_ms: waitMs(conv),
        duration_ms: durationMs(conv),
        ...messageAnswering(messages),
        reaction_sum_ms: reactions.reduce((a, b) => a + b, 0),
        reaction_count: reactions.length,
        abandoned: isAbandoned(conv, messages),
        sl_decided: withinServiceLevel(conv, messages, 20_000) !== null,
      });
    }
    // The seed exercises every branch that matters.
    expect(rows.some((r) => r.abandoned)).toBe(true);

    expect(rows.some((r) => r.reaction_count > 1)).toBe(true);
    expect(rows.some((r) => r.duration_ms === null)).toBe(true);
  });

  it('rolls up operators as summarize() does', async () => {
    const items = await domainItems();
    const { body } = await play.get<{ rows: Record<string, unknown>[] }>(
      `/reports/operators?${period}`,
    );
    const expected = groupBy(items, 'operator')
      .filter((g) => g.key !== null)
      .map(({ key, summary: s }) => ({
        operatorId: key,
        conversations: s.conversations,
        firstResponseAvgS: seconds(s.firstResponse.avgMs),
        firstResponseMedianS: seconds(s.firstResponse.medianMs),
        answeredClientMessages: s.messages.answered,
        unansweredClientMessages: s.messages.unanswered,
        reactionAvgS: seconds(s.reaction.avgMs),
        durationAvgS: seconds(s.duration.avgMs),
        likes: s.likes,
        dislikes: s.dislikes,
        likedConversationIds: [...s.likedConversationIds].sort(),
        dislikedConversationIds: [...s.dislikedConversationIds].sort(),
        targeted: s.targeted,
        nonTargeted: s.nonTargeted,
      }));
    const actual = body.rows
      .map(
        ({ operatorName: _n, auditScore: _a, ...row }): Record<string, unknown> => ({
          ...row,
          likedConversationIds: [...(row.likedConversationIds as string[])].sort(),
          dislikedConversationIds: [...(row.dislikedConversationIds as string[])].sort(),
        }),
      )
      .sort((a, b) => String(a.operatorId).localeCompare(String(b.operatorId)));
    expect(actual).toEqual(expected);
  });

  for (const by of ['channel', 'team', 'category', 'day'] as const) {
    it(`cuts by ${by} as groupBy() does`, async () => {
      const items = await domainItems();
      const { body } = await play.get<{ rows: Record<string, unknown>[] }>(
        `/reports/breakdown?by=${by}&tz=Europe/Moscow&slSeconds=45&${period}`,
      );
      // Moscow is UTC+3 all year, so the fixed offset of buckets.ts matches the zone.
      const expected = groupBy(items, by, 180, { serviceLevelTargetMs: 45_000 }).map(
        ({ key, summary: s }) => ({
          key: by === 'day' ? new Date(`${key}T00:00:00+03:00`).toISOString() : key,
          conversations: s.conversations,
          waitAvgS: seconds(s.wait.avgMs),
          // summarize() has no median wait: the domain's median over the domain's waitMs.
          waitMedianS: seconds(
            median(
              items
                .filter((item) => groupKeyOf(item.conv, by, 180) === key)
                .flatMap((item) => waitMs(item.conv) ?? []),
            ),
          ),
          firstResponseAvgS: seconds(s.firstResponse.avgMs),
          serviceLevel: s.serviceLevel.ratio,
          answeredWithinThreshold: s.serviceLevel.within,
          abandoned: s.abandoned,
          targeted: s.targeted,
          nonTargeted: s.nonTargeted,
        }),
      );
      // Named cuts are listed by name, the domain's by id: compare in the domain's order.
      const byKey = (a: { key: string | null }, b: { key: string | null }) =>
        a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1;
      const actual = body.rows.map(({ label: _l, ...row }) => row as { key: string | null });
      expect(by === 'day' ? actual : actual.sort(byKey)).toEqual(expected);
    });
  }
});
