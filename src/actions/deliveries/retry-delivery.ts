import { presentDelivery } from '../../channels/present.js';
import { AppError, notFound } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { deliveryEvent } from './delivery-event.js';

/** An admin sends a dead delivery again (after fixing a token, a URL, a mailbox): a fresh series of attempts. */
export async function retryDelivery(ctx: ActionContext, input: { deliveryId: string }) {
  authorize(ctx.actor, 'account.configure');
  const current = await ctx.trx
    .selectFrom('deliveries')
    .selectAll()
    .where('id', '=', input.deliveryId)
    .where('account_id', '=', ctx.accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('Delivery');
  if (current.status !== 'dead')
    throw new AppError('conflict', 'Only a dead delivery can be retried.', 'deliveryId');
  if (current.target === 'webhook' && current.event_id === null)
    throw new AppError('conflict', 'A test event is not retried; send a new one.', 'deliveryId');
  const row = await ctx.trx
    .updateTable('deliveries')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: ctx.now,
      error_kind: null,
      last_error: null,
      updated_at: ctx.now,
    })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (row.target === 'channel') {
    ctx.emit(await deliveryEvent(ctx, row));
  }
  if (ctx.actor.kind === 'operator') {
    await ctx.trx
      .insertInto('audit_log')
      .values({
        account_id: ctx.accountId,
        actor_id: ctx.actor.id,
        action: 'delivery.retry',
        details: JSON.stringify({ deliveryId: row.id }),
      })
      .execute();
  }
  return presentDelivery(row);
}

/** At most this many dead deliveries go back per "retry all"; the admin repeats for more. */
export const RETRY_ALL_LIMIT = 500;

/**
 * "Retry all" of one channel's or one webhook's failed list: its dead
 * deliveries (oldest first, up to RETRY_ALL_LIMIT) get a fresh series of
 * attempts. Test events are left alone.
 */
export async function retryDeadDeliveries(
  ctx: ActionContext,
  input: { channelId: string } | { webhookId: string },
): Promise<{ retried: number }> {
  authorize(ctx.actor, 'account.configure');
  let query = ctx.trx
    .selectFrom('deliveries')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('status', '=', 'dead');
  query =
    'channelId' in input
      ? query.where('channel_id', '=', input.channelId)
      : query.where('webhook_id', '=', input.webhookId).where('event_id', 'is not', null);
  const dead = await query.orderBy('created_at').limit(RETRY_ALL_LIMIT).forUpdate().execute();
  if (dead.length === 0) return { retried: 0 };
  const rows = await ctx.trx
    .updateTable('deliveries')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: ctx.now,
      error_kind: null,
      last_error: null,
      updated_at: ctx.now,
    })
    .where(
      'id',
      'in',
      dead.map((d) => d.id),
    )
    .returningAll()
    .execute();
  for (const row of rows) if (row.target === 'channel') ctx.emit(await deliveryEvent(ctx, row));
  if (ctx.actor.kind === 'operator') {
    await ctx.trx
      .insertInto('audit_log')
      .values({
        account_id: ctx.accountId,
        actor_id: ctx.actor.id,
        action: 'delivery.retry_all',
        details: JSON.stringify({ ...input, retried: rows.length }),
      })
      .execute();
  }
  return { retried: rows.length };
}
