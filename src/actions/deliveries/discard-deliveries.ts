import { presentDelivery } from '../../channels/present.js';
import { AppError, notFound } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { deliveryEvent } from './delivery-event.js';

/**
 * An admin gives up on a dead delivery for good: it leaves the failed list and
 * stays in the log as discarded, with its last error, so the record of what
 * was not delivered is kept.
 */
export async function discardDelivery(ctx: ActionContext, input: { deliveryId: string }) {
  authorize(ctx.actor, 'account.configure');
  const current = await ctx.trx
    .selectFrom('deliveries')
    .select(['id', 'status'])
    .where('id', '=', input.deliveryId)
    .where('account_id', '=', ctx.accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('Delivery');
  if (current.status !== 'dead')
    throw new AppError('conflict', 'Only a dead delivery can be discarded.', 'deliveryId');
  const row = await ctx.trx
    .updateTable('deliveries')
    .set({ status: 'discarded', updated_at: ctx.now })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (row.target === 'channel') ctx.emit(await deliveryEvent(ctx, row));
  await ctx.trx
    .insertInto('audit_log')
    .values({
      account_id: ctx.accountId,
      actor_id: ctx.actor.kind === 'operator' ? ctx.actor.id : null,
      action: 'delivery.discard',
      details: JSON.stringify({ deliveryId: row.id }),
    })
    .execute();
  return presentDelivery(row);
}
