import { AppError } from '../../errors.js';
import type { ConversationWithContact } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { openOutbound } from './open-outbound.js';

/**
 * Reopens a closed conversation for the operator, who then writes first. As
 * the metric definitions require (docs/metrics.md, "reopen-free"), it becomes
 * a new conversation — same contact, channel, team and language — that names
 * the closed one (`reopenedFromId`): the same thread of history, each with its
 * own numbers. An e-mail continues the old thread (subject and References).
 */
export async function reopenConversation(
  ctx: ActionContext,
  input: { conversationId: string },
): Promise<{ conversation: ConversationWithContact; created: boolean }> {
  authorize(ctx.actor, 'conversation.work');
  if (ctx.actor.kind !== 'operator') throw new AppError('forbidden');
  const old = await ctx.trx
    .selectFrom('conversations')
    .select(['id', 'state', 'channel_id', 'contact_id', 'team_id', 'language'])
    .where('id', '=', input.conversationId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!old) throw new AppError('not_found', 'Conversation not found.');
  if (old.state !== 'closed')
    throw new AppError('conflict', 'This conversation is still open: no need to reopen it.');
  const thread = await ctx.trx
    .selectFrom('channel_threads')
    .select(['subject', 'message_ids'])
    .where('conversation_id', '=', old.id)
    .executeTakeFirst();
  return openOutbound(ctx, {
    channelId: old.channel_id,
    contactId: old.contact_id,
    operatorId: ctx.actor.id,
    teamId: old.team_id,
    language: old.language,
    reopenedFromId: old.id,
    subject: thread?.subject ?? null,
    messageIds: thread?.message_ids ?? [],
  });
}
