import { type Kysely, sql } from 'kysely';
import type { Database, DeliveryRow } from '../../store/schema.js';

/**
 * Claims due deliveries across accounts for this node with FOR UPDATE SKIP
 * LOCKED: nodes never wait on each other and never take the same row. The
 * claim moves next_attempt_at one lease ahead, so a delivery whose node died
 * mid-send is taken over when the lease runs out (at-least-once; the delivery
 * id and e-mail Message-ID stay the same so receivers can drop the repeat).
 * A channel delivery is claimable only when no earlier one of its conversation
 * is still waiting: replies reach the client in the order they were written.
 * A paused webhook's deliveries are not claimed.
 */
export async function claimDeliveries(
  db: Kysely<Database>,
  input: { now: Date; limit: number; leaseMs: number },
): Promise<DeliveryRow[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('deliveries as d')
      .selectAll('d')
      .where('d.status', 'in', ['pending', 'failed'])
      .where('d.next_attempt_at', '<=', input.now)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('deliveries as e')
              .select('e.id')
              .where('e.target', '=', 'channel')
              .whereRef('e.conversation_id', '=', 'd.conversation_id')
              .where('e.status', 'in', ['pending', 'failed'])
              .whereRef('e.order_key', '<', 'd.order_key'),
          ),
        ),
      )
      // A paused webhook's queued deliveries wait for it to resume.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('webhooks as w')
              .select('w.id')
              .whereRef('w.id', '=', 'd.webhook_id')
              .where('w.paused', '=', true),
          ),
        ),
      )
      .orderBy('d.next_attempt_at')
      .limit(input.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('deliveries')
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
