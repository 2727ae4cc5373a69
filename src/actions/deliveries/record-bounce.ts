import type { ActionContext } from '../context.js';
import { deliveryEvent } from './delivery-event.js';

/**
 * A bounce (RFC 3464 delivery status notification) for mail we sent: the
 * deliveries whose Message-IDs it names are dead — the operator sees "failed"
 * — and the bounce itself is never answered, which would start a mail loop.
 */
export async function recordBounce(
  ctx: ActionContext,
  input: { channelId: string; messageIds: string[]; reason: string },
): Promise<number> {
  if (input.messageIds.length === 0) return 0;
  const rows = await ctx.trx
    .updateTable('deliveries')
    .set({
      status: 'dead',
      error_kind: 'permanent',
      last_error: input.reason.slice(0, 1000),
      updated_at: ctx.now,
    })
    .where('account_id', '=', ctx.accountId)
    .where('channel_id', '=', input.channelId)
    .where('external_id', 'in', input.messageIds)
    .returningAll()
    .execute();
  for (const row of rows) {
    ctx.emit(await deliveryEvent(ctx, row));
  }
  return rows.length;
}
