// The supervisor dashboard's sums per local hour (issue 18), from the same
// metric rows and SQL conditions as the reports (reports.ts): service level
// within T over the decided conversations, missed = decided with no operator
// reply (src/domain/metrics/dashboard.ts `isMissed`: abandoned or closed
// unanswered), likes, and the automatic audit score.
import { type Kysely, sql } from 'kysely';
import type { HourTotals } from '../../domain/metrics/index.js';
import type { Database } from '../schema.js';
import { type ReportFilter, reportRows } from './reports.js';

export async function hourTotals(
  db: Kysely<Database>,
  f: ReportFilter,
  tz: string,
  serviceLevelTargetMs: number,
): Promise<HourTotals[]> {
  const { rows } = await sql<HourTotals>`
    WITH r AS (${reportRows(f)})
    SELECT extract(hour FROM r.created_at AT TIME ZONE ${tz})::int AS hour,
      count(*)::int AS conversations,
      coalesce(sum(r.first_response_ms), 0)::float8 AS "firstResponseSumMs",
      count(r.first_response_ms)::int AS "firstResponseCount",
      count(*) FILTER (WHERE r.sl_decided)::int AS decided,
      count(*) FILTER (WHERE r.sl_decided AND r.first_response_ms <= ${serviceLevelTargetMs})::int AS within,
      count(*) FILTER (WHERE r.sl_decided AND r.first_response_ms IS NULL)::int AS missed,
      count(*) FILTER (WHERE r.rating = 'like')::int AS likes,
      coalesce(sum(a.score), 0)::float8 AS "auditScoreSum",
      count(a.score)::int AS audited
    FROM r LEFT JOIN audit_results a
      ON a.conversation_id = r.conversation_id AND a.account_id = ${f.accountId}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

/**
 * Today's local midnight in `tz`, the same weekday's a week earlier, that
 * day's matching moment (now − 7 days) and the local hour of now.
 */
export async function dashboardPeriods(
  db: Kysely<Database>,
  now: Date,
  tz: string,
): Promise<{ todayFrom: Date; lastWeekFrom: Date; lastWeekTo: Date; hourNow: number }> {
  const { rows } = await sql<{
    todayFrom: Date;
    lastWeekFrom: Date;
    lastWeekTo: Date;
    hourNow: number;
  }>`
    SELECT (date_trunc('day', ${now}::timestamptz AT TIME ZONE ${tz}) AT TIME ZONE ${tz}) AS "todayFrom",
      ((date_trunc('day', ${now}::timestamptz AT TIME ZONE ${tz}) - interval '7 days') AT TIME ZONE ${tz}) AS "lastWeekFrom",
      ((${now}::timestamptz AT TIME ZONE ${tz} - interval '7 days') AT TIME ZONE ${tz}) AS "lastWeekTo",
      extract(hour FROM ${now}::timestamptz AT TIME ZONE ${tz})::int AS "hourNow"`.execute(db);
  const row = rows[0]!;
  return {
    todayFrom: new Date(row.todayFrom),
    lastWeekFrom: new Date(row.lastWeekFrom),
    lastWeekTo: new Date(row.lastWeekTo),
    hourNow: row.hourNow,
  };
}
