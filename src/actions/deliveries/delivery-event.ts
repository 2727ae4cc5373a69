import { presentDelivery } from '../../channels/present.js';
import { event, type PendingEvent } from '../../events/catalog.js';
import type { DeliveryRow } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

/**
 * `delivery.updated` for a delivery, routed to its conversation's operator
 * (its audience is `owner`): the conversation, channel and message ids it
 * carries are theirs and the supervisors', not other teams' operators'.
 */
export async function deliveryEvent(ctx: ActionContext, row: DeliveryRow): Promise<PendingEvent> {
  const conversation = row.conversation_id
    ? await ctx.trx
        .selectFrom('conversations')
        .select(['operator_id', 'team_id'])
        .where('id', '=', row.conversation_id)
        .where('account_id', '=', ctx.accountId)
        .executeTakeFirst()
    : undefined;
  return event(
    'delivery.updated',
    row.conversation_id,
    { delivery: presentDelivery(row) },
    { operatorId: conversation?.operator_id ?? null, teamId: conversation?.team_id ?? null },
  );
}
