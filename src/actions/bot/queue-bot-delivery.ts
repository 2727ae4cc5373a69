import { randomUUID } from 'node:crypto';
import type { ExternalBotSettings } from '../../domain/bot/types.js';
import type { ConversationRow } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

/**
 * A client message for the channel's external bot (the bot API, docs/bot.md):
 * written with the message, so it is never lost between the two; the bot
 * worker posts it, signed, until the bot takes it, and hands the conversation
 * over when the bot has not answered by the deadline. The delivery id is the
 * receiver's key for dropping repeats.
 */
export async function queueBotDelivery(
  ctx: ActionContext,
  conv: Pick<ConversationRow, 'id' | 'channel_id'>,
  messageId: string,
  settings: ExternalBotSettings,
): Promise<void> {
  await ctx.trx
    .insertInto('bot_deliveries')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      conversation_id: conv.id,
      channel_id: conv.channel_id,
      message_id: messageId,
      next_attempt_at: ctx.now,
      deadline_at: new Date(ctx.now.getTime() + settings.timeoutMs),
      last_error: null,
      created_at: ctx.now,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}
