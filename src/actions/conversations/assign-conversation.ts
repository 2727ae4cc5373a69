import { AppError } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { lockConversation } from '../load.js';
import { authorize } from '../policy.js';
import { takeConversation } from './take-conversation.js';
import { transferConversation } from './transfer-conversation.js';

/**
 * A supervisor assigns a waiting conversation or reassigns an open one.
 * Waiting: an atomic claim that respects the operator's limit. Open: a
 * transfer, which a supervisor may force past the limit (logged); the reason
 * travels as the transfer's note, which the previous operator sees.
 */
export async function assignConversation(
  ctx: ActionContext,
  input: { conversationId: string; operatorId: string; force?: boolean; reason?: string | null },
) {
  authorize(ctx.actor, 'conversation.manage');
  const conv = await lockConversation(ctx, input.conversationId);
  if (conv.state === 'closed') throw new AppError('conversation_closed');
  if (conv.state === 'assigned') {
    return transferConversation(ctx, {
      conversationId: conv.id,
      toOperatorId: input.operatorId,
      force: input.force ?? false,
      note: input.reason ?? null,
    });
  }
  return takeConversation(ctx, {
    conversationId: conv.id,
    operatorId: input.operatorId,
    by: 'supervisor',
  });
}
