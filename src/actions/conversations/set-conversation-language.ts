import { knownLanguageCode } from '../../domain/language-code.js';
import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ConversationWithContact } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockConversation } from '../load.js';
import { authorizeHandling } from '../policy.js';

/**
 * Overrides the detected language of an open conversation (issue 3): its
 * operator or a supervisor may. The conversation.updated event it emits wakes
 * the router when the conversation is still queued, and the next pass routes
 * it by the new language — the router reads languages at every pass.
 */
export async function setConversationLanguage(
  ctx: ActionContext,
  input: { conversationId: string; language: string },
): Promise<ConversationWithContact> {
  const language = knownLanguageCode(input.language);
  if (language === null) throw invalid('language', 'Not a known language code (ISO 639).');
  const conv = await lockConversation(ctx, input.conversationId);
  authorizeHandling(ctx.actor, conv, 'change its language');
  if (conv.state === 'closed') throw new AppError('conversation_closed');
  if (conv.language === language) return conv;
  const row = await ctx.trx
    .updateTable('conversations')
    .set({ language })
    .where('id', '=', conv.id)
    .returningAll()
    .returning(contactName)
    .executeTakeFirstOrThrow();
  ctx.emit(event('conversation.updated', row.id, { conversation: presentConversation(row) }));
  return row;
}
