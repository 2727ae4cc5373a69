import { latestEventId } from '../../store/queries/events.js';
import type { ActionContext } from '../context.js';
import { OUTBOUND_CONSUMER } from './queue-outbound-deliveries.js';

/**
 * Moves the account's outbound cursor to its newest event: nothing written so
 * far goes out to Telegram or e-mail. For an imported or generated past (the
 * demo's history, issue 18), whose replies were "sent" weeks ago — delivering
 * them now would write to clients, or fail a thousand times without a bot token.
 */
export async function skipOutboundBacklog(ctx: ActionContext): Promise<{ eventId: number }> {
  const eventId = await latestEventId(ctx.trx, ctx.accountId);
  await ctx.trx
    .insertInto('event_cursors')
    .values({ account_id: ctx.accountId, consumer: OUTBOUND_CONSUMER, event_id: eventId })
    .onConflict((oc) => oc.columns(['account_id', 'consumer']).doUpdateSet({ event_id: eventId }))
    .execute();
  return { eventId };
}
