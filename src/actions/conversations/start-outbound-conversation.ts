import { AppError } from '../../errors.js';
import type { ConversationWithContact } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { openOutbound } from './open-outbound.js';

/**
 * An operator starts a conversation with a known contact on a channel that
 * can reach them unasked (e-mail, Telegram, the API channel) and writes first.
 * The contact's open conversation on that channel, if any, is returned instead.
 */
export async function startOutboundConversation(
  ctx: ActionContext,
  input: { contactId: string; channelId: string; subject?: string | null },
): Promise<{ conversation: ConversationWithContact; created: boolean }> {
  authorize(ctx.actor, 'conversation.work');
  if (ctx.actor.kind !== 'operator') throw new AppError('forbidden');
  return openOutbound(ctx, {
    channelId: input.channelId,
    contactId: input.contactId,
    operatorId: ctx.actor.id,
    subject: input.subject ?? null,
  });
}
