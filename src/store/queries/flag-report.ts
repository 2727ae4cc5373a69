// The flag statistics (issue 17; docs/metrics.md "Flagged conversations"):
// of the conversations created in the period, how many a client message
// flagged as angry or urgent, and how fast an operator answered after the
// flag — by channel or by local time bucket of creation, like the breakdown
// report. Read straight from the conversations (the flag columns of migration
// 023), open and closed alike.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';
import type { ReportFilter } from './reports.js';

export type FlagReportBy = 'channel' | 'hour' | 'day' | 'week';

export interface FlagReportRow {
  key: string | null;
  label: string | null;
  conversations: number;
  flagged: number;
  /** Flagged conversations an operator answered after the flag. */
  answered: number;
  answerAvgMs: number | null;
  answerMedianMs: number | null;
}

function inFilter(f: ReportFilter): RawBuilder<unknown> {
  return sql.join(
    [
      sql`c.account_id = ${f.accountId}`,
      sql`c.created_at >= ${f.from}`,
      sql`c.created_at < ${f.to}`,
      ...(f.channelId ? [sql`c.channel_id = ${f.channelId}`] : []),
      ...(f.teamId ? [sql`c.team_id = ${f.teamId}`] : []),
      ...(f.operatorId ? [sql`c.operator_id = ${f.operatorId}`] : []),
    ],
    sql` AND `,
  );
}

const ANSWER_MS = sql`EXTRACT(EPOCH FROM (c.flag_answered_at - c.flagged_at)) * 1000`;

const MEASURES = sql`
  count(*)::int AS conversations,
  count(*) FILTER (WHERE c.flagged_at IS NOT NULL)::int AS flagged,
  count(*) FILTER (WHERE c.flag_answered_at IS NOT NULL)::int AS answered,
  avg(${ANSWER_MS}) AS "answerAvgMs",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${ANSWER_MS}) AS "answerMedianMs"`;

export async function flagReport(
  db: Kysely<Database>,
  f: ReportFilter,
  by: FlagReportBy,
  tz: string,
): Promise<FlagReportRow[]> {
  if (by === 'channel') {
    const { rows } = await sql<FlagReportRow>`
      SELECT c.channel_id::text AS key, ch.name AS label, ${MEASURES}
      FROM conversations c
      LEFT JOIN channels ch ON ch.id = c.channel_id AND ch.account_id = ${f.accountId}
      WHERE ${inFilter(f)}
      GROUP BY c.channel_id, ch.name
      ORDER BY ch.name, c.channel_id`.execute(db);
    return rows.map(numbers);
  }
  const unit = sql.lit(by);
  const label = sql.lit(by === 'hour' ? 'YYYY-MM-DD HH24:00' : 'YYYY-MM-DD');
  const { rows } = await sql<FlagReportRow & { start: Date }>`
    SELECT (b.local_start AT TIME ZONE ${tz}) AS start, to_char(b.local_start, ${label}) AS label,
      ${MEASURES}
    FROM conversations c
    CROSS JOIN LATERAL (SELECT date_trunc(${unit}, c.created_at AT TIME ZONE ${tz}) AS local_start) b
    WHERE ${inFilter(f)}
    GROUP BY b.local_start ORDER BY b.local_start`.execute(db);
  return rows.map(({ start, ...row }) => numbers({ ...row, key: new Date(start).toISOString() }));
}

function numbers(r: FlagReportRow): FlagReportRow {
  const n = (v: number | string | null) => (v === null ? null : Number(v));
  return { ...r, answerAvgMs: n(r.answerAvgMs), answerMedianMs: n(r.answerMedianMs) };
}
