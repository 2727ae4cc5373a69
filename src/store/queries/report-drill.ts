// Drill-downs of the reports (issue 18): the conversations behind a number —
// a period, a channel, an operator's likes — with who the client was, where
// and when they wrote, how long they waited, the first response and how it
// ended. The same metric rows as the reports (reports.ts `reportRows`), so a
// list never disagrees with the figure it was opened from.
import { type Kysely, sql } from 'kysely';
import type { ConversationOutcome } from '../../domain/metrics/index.js';
import { outcomeOf } from '../../domain/metrics/index.js';
import type { Database } from '../schema.js';
import { type ReportFilter, reportRows } from './reports.js';

export const MAX_DRILL_ROWS = 200;

export interface DrillFilter extends ReportFilter {
  rating?: 'like' | 'dislike' | undefined;
}

export interface DrillRow {
  conversationId: string;
  clientName: string | null;
  channelId: string;
  channelName: string | null;
  operatorId: string | null;
  operatorName: string | null;
  createdAt: Date;
  waitMs: number | null;
  firstResponseMs: number | null;
  outcome: ConversationOutcome;
  rating: 'like' | 'dislike' | null;
}

interface Raw extends Omit<DrillRow, 'outcome'> {
  closed: boolean;
  abandoned: boolean;
  slDecided: boolean;
}

/** Newest first, at most `limit`; `total` is the count of every match. */
export async function drillConversations(
  db: Kysely<Database>,
  f: DrillFilter,
  limit: number,
): Promise<{ total: number; rows: DrillRow[] }> {
  const where = f.rating ? sql`r.rating = ${f.rating}` : sql`true`;
  const { rows } = await sql<Raw & { total: number }>`
    WITH r AS (${reportRows(f)})
    SELECT r.conversation_id AS "conversationId", ct.name AS "clientName",
      r.channel_id AS "channelId", ch.name AS "channelName",
      r.operator_id AS "operatorId", o.name AS "operatorName",
      r.created_at AS "createdAt", r.wait_ms AS "waitMs", r.first_response_ms AS "firstResponseMs",
      r.closed_at IS NOT NULL AS closed, r.abandoned, r.sl_decided AS "slDecided", r.rating,
      count(*) OVER ()::int AS total
    FROM r
      JOIN conversations c ON c.id = r.conversation_id AND c.account_id = ${f.accountId}
      LEFT JOIN contacts ct ON ct.id = c.contact_id AND ct.account_id = ${f.accountId}
      LEFT JOIN channels ch ON ch.id = r.channel_id AND ch.account_id = ${f.accountId}
      LEFT JOIN operators o ON o.id = r.operator_id AND o.account_id = ${f.accountId}
    WHERE ${where}
    ORDER BY r.created_at DESC, r.conversation_id
    LIMIT ${limit}`.execute(db);
  const list = rows.map(({ closed, abandoned, slDecided, total: _total, ...row }) => ({
    ...row,
    createdAt: new Date(row.createdAt),
    outcome: outcomeOf({
      closed,
      abandoned,
      answered: row.firstResponseMs !== null,
      // Consulted only for a closed conversation without a reply, where "counts
      // in the service level" (sl_decided) means exactly "was handed to operators".
      reachedOperators: slDecided,
    }),
  }));
  return { total: rows[0]?.total ?? 0, rows: list };
}
