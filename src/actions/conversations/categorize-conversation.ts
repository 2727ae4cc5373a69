import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { refreshConversationMetrics } from '../../store/queries/conversation-metrics.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ActionContext } from '../context.js';
import { lockConversation } from '../load.js';
import { can } from '../policy.js';

export interface CategorizeConversationInput {
  conversationId: string;
  /** A category of the account, or null to clear it; absent leaves it as it is. */
  categoryId?: string | null;
  targeted?: boolean | null;
}

/**
 * Sets or corrects a conversation's category and target flag, open or closed
 * (a supervisor re-categorising last week's dialogs). Its operator or a
 * supervisor may; reports follow at once, because the stored report row of a
 * closed conversation is rewritten in the same transaction.
 */
export async function categorizeConversation(
  ctx: ActionContext,
  input: CategorizeConversationInput,
) {
  const conv = await lockConversation(ctx, input.conversationId);
  const actor = ctx.actor;
  if (
    actor.kind === 'contact' ||
    (actor.kind === 'operator' &&
      actor.id !== conv.operator_id &&
      !can(actor, 'conversation.manage'))
  )
    throw new AppError(
      'forbidden',
      "Only the conversation's operator or a supervisor can categorise it.",
    );
  if (input.categoryId) {
    const category = await ctx.trx
      .selectFrom('categories')
      .select('id')
      .where('id', '=', input.categoryId)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirst();
    if (!category) throw invalid('categoryId', 'Unknown category.');
  }
  const row = await ctx.trx
    .updateTable('conversations')
    .set({
      category_id: input.categoryId === undefined ? conv.category_id : input.categoryId,
      targeted: input.targeted === undefined ? conv.targeted : input.targeted,
    })
    .where('id', '=', conv.id)
    .returningAll()
    .returning(contactName)
    .executeTakeFirstOrThrow();
  await refreshConversationMetrics(ctx.trx, ctx.accountId, row.id);
  ctx.emit(
    event('conversation.updated', 'account', row.id, { conversation: presentConversation(row) }),
  );
  return row;
}
