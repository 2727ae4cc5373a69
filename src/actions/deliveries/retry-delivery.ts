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
