import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { refreshConversationMetrics } from '../../store/queries/conversation-metrics.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ActionContext } from '../context.js';
import { assertCategory, lockConversation } from '../load.js';
import { authorizeHandling } from '../policy.js';

export interface CategorizeConversationInput {
  conversationId: string;
  /** A category of the account, or null to clear it; absent leaves it as it is. */
  categoryId?: string | null;
  targeted?: boolean | null;
  /** The close note; null clears it, absent leaves it. */
  note?: string | null;
}

/**
 * Sets or corrects a conversation's category, target flag and note, open or
 * closed (a supervisor re-categorising last week's dialogs; the operator
 * finishing a chat the client ended with "End chat" — it keeps its operator). Its operator or a
 * supervisor may; reports follow at once, because the stored report row of a
 * closed conversation is rewritten in the same transaction.
 */
export async function categorizeConversation(
  ctx: ActionContext,
  input: CategorizeConversationInput,
) {
  const conv = await lockConversation(ctx, input.conversationId);
  authorizeHandling(ctx.actor, conv, 'categorise it');
  if (input.categoryId) {
    await assertCategory(ctx, input.categoryId);
  }
  const row = await ctx.trx
    .updateTable('conversations')
    .set({
      category_id: input.categoryId === undefined ? conv.category_id : input.categoryId,
      targeted: input.targeted === undefined ? conv.targeted : input.targeted,
      close_note: input.note === undefined ? conv.close_note : input.note,
    })
    .where('id', '=', conv.id)
    .returningAll()
    .returning(contactName)
    .executeTakeFirstOrThrow();
  await refreshConversationMetrics(ctx.trx, ctx.accountId, row.id);
  ctx.emit(event('conversation.updated', row.id, { conversation: presentConversation(row) }));
  return row;
}
