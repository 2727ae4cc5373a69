import type { MessageView } from '../../presenters.js';
import type { ActionContext } from '../context.js';
import { type SendMessageInput, sendMessages } from './send-messages.js';

export { MAX_MESSAGE_LENGTH, type SendMessageInput } from './send-messages.js';

export interface SendMessageResult {
  message: MessageView;
  /** True when this was a retry and nothing new was written. */
  duplicate: boolean;
}

/** One message from the action's actor; throws the reason it cannot be sent. */
export async function sendMessage(
  ctx: ActionContext,
  input: SendMessageInput,
): Promise<SendMessageResult> {
  const [outcome] = await sendMessages(ctx, [{ actor: ctx.actor, input }]);
  if (!outcome!.ok) throw outcome!.error;
  return { message: outcome!.message, duplicate: outcome!.duplicate };
}
