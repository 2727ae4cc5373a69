import { AppError } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { refreshConversationMetrics } from '../../store/queries/conversation-metrics.js';
import type { Rating } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockConversation } from '../load.js';

/** The client's like / dislike; a second rating replaces the first. */
export async function rateConversation(
  ctx: ActionContext,
  input: { conversationId: string; rating: Rating; comment?: string | null },
) {
  const conv = await lockConversation(ctx, input.conversationId);
  if (
    ctx.actor.kind === 'operator' ||
    (ctx.actor.kind === 'contact' &&
      (ctx.actor.id !== conv.contact_id || ctx.actor.channelId !== conv.channel_id))
  )
    throw new AppError('forbidden', 'Only the client rates a conversation.');
  await ctx.trx
    .updateTable('conversations')
    .set({ rating: input.rating, rating_comment: input.comment ?? null })
    .where('id', '=', conv.id)
    .execute();
  // A rating given after the close changes the stored report row.
  await refreshConversationMetrics(ctx.trx, ctx.accountId, conv.id);
  ctx.emit(
    event(
      'conversation.rated',
      conv.id,
      { conversationId: conv.id, rating: input.rating, comment: input.comment ?? null },
      { operatorId: conv.operator_id, teamId: conv.team_id },
    ),
  );
  return { conversationId: conv.id, rating: input.rating };
}
