import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ActionContext } from '../context.js';

/**
 * Turns new events of the account into one delivery per subscribed webhook.
 * Each webhook tails the events table with its own cursor, advanced in the
 * same transaction as the deliveries it produced, so a crash replays the batch
 * and the unique (webhook, event) key makes the replay a no-op. Event ids of
 * an account become visible in increasing order (the outbox's advisory lock),
 * so a cursor never skips an event committed late.
 */
export async function fanOutWebhookEvents(
  ctx: ActionContext,
  input: { batch: number },
): Promise<{ created: number; more: boolean }> {
  // SKIP LOCKED: another node already fans out for this webhook right now.
  const hooks = await ctx.trx
    .selectFrom('webhooks')
    .select(['id', 'events', 'cursor_event_id'])
    .where('account_id', '=', ctx.accountId)
    .where('active', '=', true)
    // A paused webhook keeps its cursor: on resume it goes on from where it stopped.
    .where('paused', '=', false)
    .forUpdate()
    .skipLocked()
    .execute();
  let created = 0;
  let more = false;
  for (const hook of hooks) {
    const events = await ctx.trx
      .selectFrom('events')
      .select(['id', 'type'])
      .where('account_id', '=', ctx.accountId)
      .where('id', '>', sql<string>`${hook.cursor_event_id}`)
      .orderBy('id')
      .limit(input.batch)
      .execute();
    if (events.length === 0) continue;
    more ||= events.length === input.batch;
    const wanted = events.filter((e) => hook.events.includes(e.type));
    if (wanted.length > 0) {
      const rows = await ctx.trx
        .insertInto('deliveries')
        .values(
          wanted.map((e) => ({
            id: randomUUID(),
            account_id: ctx.accountId,
            target: 'webhook' as const,
            webhook_id: hook.id,
            event_id: Number(e.id),
            order_key: Number(e.id),
            status: 'pending' as const,
            next_attempt_at: ctx.now,
            created_at: ctx.now,
            updated_at: ctx.now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['webhook_id', 'event_id']).where('webhook_id', 'is not', null).doNothing(),
        )
        .returning('id')
        .execute();
      created += rows.length;
    }
    await ctx.trx
      .updateTable('webhooks')
      .set({ cursor_event_id: Number(events[events.length - 1]!.id) })
      .where('id', '=', hook.id)
      .execute();
  }
  return { created, more };
}
