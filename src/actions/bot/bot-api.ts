// What an external bot may do through the API (docs/bot.md "The bot API"),
// each in one transaction: only in conversations of its own channel that are
// still in state 'bot', and each call answers the deliveries that wait for it.
import { knownLanguageCode } from '../../domain/language-code.js';
import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ActionContext } from '../context.js';
import { closeConversation } from '../conversations/close-conversation.js';
import { assertCategory, lockConversation } from '../load.js';
import { sendMessages } from '../messages/send-messages.js';
import { settleBotDeliveries } from './bot-deliveries.js';
import { handOver } from './hand-over.js';

export interface BotTarget {
  channelId: string;
  conversationId: string;
}

/** The conversation, locked, if it is the bot's: its channel's and in state 'bot'. */
async function withBot(ctx: ActionContext, target: BotTarget) {
  const conv = await lockConversation(ctx, target.conversationId);
  if (conv.channel_id !== target.channelId)
    throw new AppError('not_found', 'Conversation not found.');
  if (conv.state !== 'bot') throw new AppError('conversation_not_with_bot');
  await settleBotDeliveries(ctx, conv.id);
  return conv;
}

export async function botSendMessage(
  ctx: ActionContext,
  input: BotTarget & {
    text: string;
    buttons?: { id: string; label: string }[];
    clientKey?: string | null;
  },
) {
  const conv = await withBot(ctx, input);
  const [outcome] = await sendMessages(ctx, [
    {
      actor: { kind: 'system' },
      input: {
        conversationId: conv.id,
        text: input.text,
        asBot: true,
        ...(input.buttons ? { buttons: input.buttons } : {}),
        // The bot's idempotency key, kept as the message's external id on this channel.
        ...(input.clientKey ? { externalId: `bot:${input.clientKey}` } : {}),
      },
    },
  ]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!;
}

export async function botUpdateConversation(
  ctx: ActionContext,
  input: BotTarget & { teamId?: string | null; categoryId?: string | null; language?: string },
) {
  const conv = await withBot(ctx, input);
  if (input.teamId) {
    const team = await ctx.trx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.teamId)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirst();
    if (!team) throw invalid('teamId', 'Unknown team.');
  }
  if (input.categoryId) await assertCategory(ctx, input.categoryId);
  let language: string | undefined;
  if (input.language !== undefined) {
    const known = knownLanguageCode(input.language);
    if (known === null) throw invalid('language', 'Not a known language code (ISO 639).');
    language = known;
  }
  const row = await ctx.trx
    .updateTable('conversations')
    .set({
      ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
      ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
      ...(language !== undefined ? { language } : {}),
    })
    .where('id', '=', conv.id)
    .returningAll()
    .returning(contactName)
    .executeTakeFirstOrThrow();
  const view = presentConversation(row);
  ctx.emit(event('conversation.updated', row.id, { conversation: view }));
  return view;
}

export async function botHandOver(
  ctx: ActionContext,
  input: BotTarget & { note?: string | null; teamId?: string | null; categoryId?: string | null },
) {
  await withBot(ctx, input);
  const row = await handOver(ctx, {
    conversationId: input.conversationId,
    reason: 'external',
    note: input.note ?? null,
    ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
    ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
  });
  return presentConversation(row!);
}

export async function botClose(ctx: ActionContext, input: BotTarget) {
  await withBot(ctx, input);
  const row = await closeConversation(ctx, { conversationId: input.conversationId, asBot: true });
  return presentConversation(row);
}
