// Report aggregations (docs/metrics.md "Reports API"). Each report reads the
// stored rows of closed conversations plus live rows of the open ones in the
// period — the same row shape from the same SQL (conversation-metrics.ts) — and
// rolls them up exactly as src/domain/metrics/summarize.ts does: plain means
// over the conversations that have a value, the exact median (percentile_cont
// takes the mean of the two middle values), reaction as the mean over all
// intervals, service level = within T / decided, abandoned counting as failed.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';
import { METRIC_COLUMNS, metricRowsSql } from './conversation-metrics.js';

export interface ReportFilter {
  accountId: string;
  /** Conversations created in [from, to). */
  from: Date;
  to: Date;
  channelId?: string | undefined;
  teamId?: string | undefined;
  operatorId?: string | undefined;
}

/** Ids behind the like / dislike counts, newest first, at most this many per row. */
export const MAX_RATED_IDS = 50;

const columns = sql.raw(METRIC_COLUMNS.join(', '));

function dimensions(alias: 'm' | 'c', f: ReportFilter): RawBuilder<unknown> {
  const a = sql.raw(alias);
  return sql.join(
    [
      sql`${a}.account_id = ${f.accountId}`,
      sql`${a}.created_at >= ${f.from}`,
      sql`${a}.created_at < ${f.to}`,
      ...(f.channelId ? [sql`${a}.channel_id = ${f.channelId}`] : []),
      ...(f.teamId ? [sql`${a}.team_id = ${f.teamId}`] : []),
      ...(f.operatorId ? [sql`${a}.operator_id = ${f.operatorId}`] : []),
    ],
    sql` AND `,
  );
}

/**
 * The metric rows of the conversations in the filter: stored (closed) and live
 * (open). With `auditScore`, also the stored audit score (open conversations
 * are not audited: null).
 */
export function reportRows(f: ReportFilter, { auditScore = false } = {}): RawBuilder<unknown> {
  const stored = auditScore ? sql`${columns}, m.audit_score` : columns;
  const live = auditScore ? sql`${columns}, NULL::float8 AS audit_score` : columns;
  return sql`
    SELECT ${stored} FROM conversation_metrics m WHERE ${dimensions('m', f)}
    UNION ALL
    SELECT ${live} FROM (${metricRowsSql(sql`${dimensions('c', f)} AND c.state <> 'closed'`)}) live`;
}

export interface OperatorReportRow {
  operatorId: string;
  operatorName: string;
  conversations: number;
  firstResponseAvgMs: number | null;
  firstResponseMedianMs: number | null;
  answered: number;
  unanswered: number;
  reactionAvgMs: number | null;
  durationAvgMs: number | null;
  likes: number;
  dislikes: number;
  likedConversationIds: string[];
  dislikedConversationIds: string[];
  targeted: number;
  nonTargeted: number;
  /** Mean automatic audit score (0..1) of the audited conversations among them; null if none. */
  auditScore: number | null;
}

/**
 * One row per operator who holds or closed a conversation of the period (the
 * conversation's current operator, group-by.ts). Conversations no operator ever
 * held are nobody's work and appear only in the breakdowns.
 */
export async function operatorReport(
  db: Kysely<Database>,
  f: ReportFilter,
): Promise<OperatorReportRow[]> {
  // One pass over the report rows, hashed by operator: the exact median and the
  // newest rated ids are taken afterwards from each operator's own values (a
  // thousand or so), so no aggregate needs the rows sorted — an ordered
  // aggregate would sort every row of the period (issue 13: 2.2× faster at 1M).
  const { rows } = await sql<OperatorReportRow>`
    WITH per AS (
      SELECT r.operator_id,
        count(*)::int AS conversations,
        avg(r.first_response_ms) AS "firstResponseAvgMs",
        array_agg(r.first_response_ms) FILTER (WHERE r.first_response_ms IS NOT NULL) AS first_responses,
        sum(r.answered)::int AS answered,
        sum(r.unanswered)::int AS unanswered,
        sum(r.reaction_sum_ms) / nullif(sum(r.reaction_count), 0) AS "reactionAvgMs",
        avg(r.duration_ms) AS "durationAvgMs",
        count(*) FILTER (WHERE r.rating = 'like')::int AS likes,
        count(*) FILTER (WHERE r.rating = 'dislike')::int AS dislikes,
        array_agg(r.created_at) FILTER (WHERE r.rating = 'like') AS liked_at,
        array_agg(r.conversation_id) FILTER (WHERE r.rating = 'like') AS liked,
        array_agg(r.created_at) FILTER (WHERE r.rating = 'dislike') AS disliked_at,
        array_agg(r.conversation_id) FILTER (WHERE r.rating = 'dislike') AS disliked,
        count(*) FILTER (WHERE r.targeted)::int AS targeted,
        count(*) FILTER (WHERE NOT r.targeted)::int AS "nonTargeted",
        avg(r.audit_score) AS "auditScore"
      FROM (${reportRows(f, { auditScore: true })}) r WHERE r.operator_id IS NOT NULL
      GROUP BY r.operator_id
    )
    SELECT per.operator_id AS "operatorId", o.name AS "operatorName",
      per.conversations, per."firstResponseAvgMs",
      ${median(sql`per.first_responses`)} AS "firstResponseMedianMs",
      per.answered, per.unanswered, per."reactionAvgMs", per."durationAvgMs", per.likes, per.dislikes,
      ${newest('liked')} AS "likedConversationIds",
      ${newest('disliked')} AS "dislikedConversationIds",
      per.targeted, per."nonTargeted", per."auditScore"
    FROM per JOIN operators o ON o.id = per.operator_id AND o.account_id = ${f.accountId}
    ORDER BY o.name, per.operator_id`.execute(db);
  return rows;
}

/** The newest MAX_RATED_IDS of an operator's rated conversation ids (newest first, then by id). */
function newest(ids: 'liked' | 'disliked'): RawBuilder<unknown> {
  const at = sql.raw(`per.${ids}_at`);
  const id = sql.raw(`per.${ids}`);
  return sql`coalesce((SELECT array_agg(id) FROM (SELECT id FROM unnest(${at}, ${id}) u(at, id)
    ORDER BY at DESC, id LIMIT ${MAX_RATED_IDS}) newest), '{}')`;
}

export type BreakdownBy = 'channel' | 'team' | 'category' | 'hour' | 'day' | 'week';

export interface BreakdownRow {
  key: string | null;
  label: string | null;
  conversations: number;
  waitAvgMs: number | null;
  waitMedianMs: number | null;
  firstResponseAvgMs: number | null;
  decided: number;
  within: number;
  abandoned: number;
  targeted: number;
  nonTargeted: number;
}

const NAMED: Record<'channel' | 'team' | 'category', { column: string; table: string }> = {
  channel: { column: 'channel_id', table: 'channels' },
  team: { column: 'team_id', table: 'teams' },
  category: { column: 'category_id', table: 'categories' },
};

/**
 * Report rows cut by channel, team or category (key = id, label = name, the
 * "not set" group last with key null), or by local time bucket of creation in
 * `tz` (key = the bucket start as an instant; hour buckets follow DST, which a
 * fixed offset could not).
 */
export async function breakdownReport(
  db: Kysely<Database>,
  f: ReportFilter,
  by: BreakdownBy,
  tz: string,
  serviceLevelTargetMs: number,
): Promise<BreakdownRow[]> {
  // Hashed groups; each group's exact median is taken from its own waits after
  // (see operatorReport), so no row of the period is sorted.
  const measures = sql`
    count(*)::int AS conversations,
    avg(r.wait_ms) AS "waitAvgMs",
    array_agg(r.wait_ms) FILTER (WHERE r.wait_ms IS NOT NULL) AS waits,
    avg(r.first_response_ms) AS "firstResponseAvgMs",
    count(*) FILTER (WHERE r.sl_decided)::int AS decided,
    count(*) FILTER (WHERE r.sl_decided AND r.first_response_ms <= ${serviceLevelTargetMs})::int AS within,
    count(*) FILTER (WHERE r.abandoned)::int AS abandoned,
    count(*) FILTER (WHERE r.targeted)::int AS targeted,
    count(*) FILTER (WHERE NOT r.targeted)::int AS "nonTargeted"`;
  const outer = sql`g.conversations, g."waitAvgMs", ${median(sql`g.waits`)} AS "waitMedianMs",
    g."firstResponseAvgMs", g.decided, g.within, g.abandoned, g.targeted, g."nonTargeted"`;
  if (by === 'channel' || by === 'team' || by === 'category') {
    const column = sql.raw(`r.${NAMED[by].column}`);
    const table = sql.raw(NAMED[by].table);
    const { rows } = await sql<BreakdownRow>`
      WITH r AS (${reportRows(f)})
      SELECT g.id::text AS key, g.label, ${outer}
      FROM (
        SELECT ${column} AS id, n.name AS label, ${measures}
        FROM r LEFT JOIN ${table} n ON n.id = ${column} AND n.account_id = ${f.accountId}
        GROUP BY ${column}, n.name
      ) g
      ORDER BY g.id IS NULL, g.label, g.id`.execute(db);
    return rows;
  }
  const unit = sql.lit(by);
  const label = sql.lit(by === 'hour' ? 'YYYY-MM-DD HH24:00' : 'YYYY-MM-DD');
  const { rows } = await sql<BreakdownRow & { start: Date }>`
    WITH r AS (${reportRows(f)}),
    b AS (SELECT date_trunc(${unit}, r.created_at AT TIME ZONE ${tz}) AS local_start, r.* FROM r)
    SELECT (g.local_start AT TIME ZONE ${tz}) AS start, to_char(g.local_start, ${label}) AS label,
      ${outer}
    FROM (SELECT local_start, ${measures} FROM b r GROUP BY local_start) g
    ORDER BY g.local_start`.execute(db);
  return rows.map(({ start, ...row }) => ({ ...row, key: new Date(start).toISOString() }));
}

/** The exact median of an array of numbers (null when empty), as percentile_cont takes it. */
function median(values: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM unnest(${values}) v)`;
}

export interface CategoryCount {
  categoryId: string | null;
  categoryName: string | null;
  conversations: number;
}

/** Conversations per category on one channel in the period; uncategorised last. */
export async function categoriesByChannel(
  db: Kysely<Database>,
  f: ReportFilter & { channelId: string },
): Promise<CategoryCount[]> {
  const { rows } = await sql<CategoryCount>`
    WITH r AS (${reportRows(f)})
    SELECT r.category_id AS "categoryId", n.name AS "categoryName", count(*)::int AS conversations
    FROM r LEFT JOIN categories n ON n.id = r.category_id AND n.account_id = ${f.accountId}
    GROUP BY r.category_id, n.name
    ORDER BY r.category_id IS NULL, count(*) DESC, n.name, r.category_id`.execute(db);
  return rows;
}

export type ReportDimension = 'channelId' | 'teamId' | 'operatorId';

/** The first of the given ids that is not in the account (another account's ids count as unknown). */
export async function unknownDimension(
  db: Kysely<Database>,
  accountId: string,
  ids: Partial<Record<ReportDimension, string | undefined>>,
): Promise<ReportDimension | null> {
  const tables = { channelId: 'channels', teamId: 'teams', operatorId: 'operators' } as const;
  for (const field of ['channelId', 'teamId', 'operatorId'] as const) {
    const id = ids[field];
    if (id === undefined) continue;
    const row = await db
      .selectFrom(tables[field])
      .select('id')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!row) return field;
  }
  return null;
}

/**
 * The account's report defaults: the time zone of its working hours (else UTC)
 * and the service-level threshold T — the channel's own when a channel is given
 * and sets one, else the account's.
 */
export async function reportDefaults(
  db: Kysely<Database>,
  accountId: string,
  channelId: string | undefined,
): Promise<{ timezone: string | null; serviceLevelTargetMs: number | null }> {
  const account = await db
    .selectFrom('accounts')
    .select('settings')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const hours = account.settings.workingHours as { timezone?: unknown } | null;
  let target: unknown = account.settings.serviceLevelTargetMs;
  if (channelId) {
    const channel = await db
      .selectFrom('channels')
      .select('settings')
      .where('id', '=', channelId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    const own = channel?.settings.serviceLevelTargetMs;
    if (typeof own === 'number' && own > 0) target = own;
  }
  return {
    timezone: typeof hours?.timezone === 'string' ? hours.timezone : null,
    serviceLevelTargetMs: typeof target === 'number' && target > 0 ? target : null,
  };
}
