import { type Kysely, sql } from 'kysely';
import type { Database, InboxRow } from '../../store/schema.js';

/**
 * Claims due inbox items across accounts for this node. FOR UPDATE SKIP LOCKED
 * lets every node claim concurrently without waiting on each other; the claim
 * moves next_attempt_at a lease ahead, so an item whose node dies comes back
 * when the lease runs out. Only the head of each thread is claimable (no
 * earlier pending item in the same chat), which keeps a burst in order even
 * with many nodes.
 */
export async function claimInbound(
  db: Kysely<Database>,
  input: { now: Date; limit: number; leaseMs: number },
): Promise<InboxRow[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('channel_inbox as i')
      .selectAll('i')
      .where('i.status', '=', 'pending')
      .where('i.next_attempt_at', '<=', input.now)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('channel_inbox as e')
              .select('e.id')
              .whereRef('e.channel_id', '=', 'i.channel_id')
              .whereRef('e.thread_key', '=', 'i.thread_key')
              .where('e.status', '=', 'pending')
              .whereRef('e.order_key', '<', 'i.order_key'),
          ),
        ),
      )
      .orderBy('i.order_key')
      .limit(input.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('channel_inbox')
      .set({
        next_attempt_at: new Date(input.now.getTime() + input.leaseMs),
        attempts: sql<number>`attempts + 1`,
      })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}
