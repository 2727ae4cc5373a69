import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

export async function queueSummary(db: Kysely<Database>, accountId: string, now: Date) {
  const rows = await db
    .selectFrom('conversations')
    .select([
      'team_id',
      (eb) => eb.fn.countAll<number>().as('waiting'),
      (eb) => eb.fn.min('queued_at').as('oldest'),
    ])
    .where('account_id', '=', accountId)
    .where('state', '=', 'queued')
    .groupBy('team_id')
    .execute();
  return rows.map((r) => ({
    teamId: r.team_id,
    waiting: Number(r.waiting),
    longestWaitMs: r.oldest ? now.getTime() - new Date(r.oldest as Date).getTime() : 0,
  }));
}

/**
 * Service level (DESIGN §3, §4): of conversations that entered the queue since
 * `since` and got an answer or were abandoned, the share whose first operator
 * reply came within the target. Abandoned ones count as failures.
 */
export async function serviceLevelSince(
  db: Kysely<Database>,
  accountId: string,
  since: Date,
  targetMs: number,
) {
  const row = await db
    .selectFrom('conversations')
    .select([
      sql<number>`count(*) FILTER (WHERE first_operator_reply_at IS NOT NULL OR state = 'closed')`.as(
        'total',
      ),
      sql<number>`count(*) FILTER (WHERE first_operator_reply_at IS NOT NULL
        AND first_operator_reply_at - coalesce(queued_at, created_at) <= ${`${targetMs} milliseconds`}::interval)`.as(
        'within',
      ),
    ])
    .where('account_id', '=', accountId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  const total = Number(row.total);
  const within = Number(row.within);
  return { total, within, ratio: total > 0 ? within / total : null };
}
