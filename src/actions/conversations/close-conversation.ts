import { sql } from 'kysely';
import { AppError } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { refreshConversationMetrics } from '../../store/queries/conversation-metrics.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ClosedBy, ConversationRow } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { assertCategory, lockConversation } from '../load.js';
import { authorizeHandling } from '../policy.js';

export interface CloseConversationInput {
  conversationId: string;
  categoryId?: string | null;
  targeted?: boolean | null;
  note?: string | null;
  /** For system actors: the bot closes a conversation it resolved (closedBy 'bot'). */
  asBot?: boolean;
}

/** Closes a conversation and frees the operator's slot (routing runs on the event). */
export async function closeConversation(ctx: ActionContext, input: CloseConversationInput) {
  const conv = await lockConversation(ctx, input.conversationId);
  if (conv.state === 'closed') throw new AppError('conversation_closed');
  const closedBy = closer(ctx, conv, input.asBot === true);
  if (input.categoryId) {
    await assertCategory(ctx, input.categoryId);
  } else if (closedBy === 'operator') {
    const account = await ctx.trx
      .selectFrom('accounts')
      .select('settings')
      .where('id', '=', ctx.accountId)
      .executeTakeFirstOrThrow();
    if (account.settings.categoryRequired)
      throw new AppError('category_required', undefined, 'categoryId');
  }
  const row = await ctx.trx
    .updateTable('conversations')
    .set({
      state: 'closed',
      closed_at: ctx.now,
      closed_by: closedBy,
      category_id: input.categoryId ?? conv.category_id,
      targeted: input.targeted ?? conv.targeted,
      close_note: input.note ?? conv.close_note,
    })
    .where('id', '=', conv.id)
    .returningAll()
    .returning(contactName)
    .executeTakeFirstOrThrow();
  if (conv.state === 'assigned' && conv.operator_id) {
    await ctx.trx
      .updateTable('operators')
      .set({ open_count: sql`greatest(open_count - 1, 0)` })
      .where('id', '=', conv.operator_id)
      .execute();
  }
  // Its report row, now final: messages cannot be added to a closed conversation.
  await refreshConversationMetrics(ctx.trx, ctx.accountId, row.id);
  ctx.emit(
    event('conversation.closed', row.id, {
      conversation: presentConversation(row),
    }),
  );
  return row;
}

function closer(
  ctx: ActionContext,
  { contact_id: contactId, channel_id: channelId, operator_id: operatorId }: ConversationRow,
  asBot: boolean,
): ClosedBy {
  const actor = ctx.actor;
  if (actor.kind === 'system') return asBot ? 'bot' : 'system';
  if (actor.kind === 'contact') {
    if (actor.id !== contactId || actor.channelId !== channelId)
      throw new AppError('not_found', 'Conversation not found.');
    return 'contact';
  }
  authorizeHandling(actor, { operator_id: operatorId }, 'close it');
  return 'operator';
}
