// Where client messages meet the bot (docs/bot.md): after a batch of client
// messages is written, each one that landed in a conversation in state 'bot'
// goes to that channel's bot — the built-in one answers in the same
// transaction; an external one gets a delivery the bot worker posts. The
// caller passes only those messages (sendMessages saw the state under its row
// lock), so a batch without a bot conversation costs no query here.
import { botSettingsOf } from '../../channels/bot-settings.js';
import type { ActionContext } from '../context.js';
import { builtinBotTurn } from './builtin-bot.js';
import { queueBotDelivery } from './queue-bot-delivery.js';

export interface BotBoundMessage {
  conversationId: string;
  messageId: string;
  text: string;
  /** The conversation was opened by this batch: the bot greets first. */
  opened: boolean;
}

export async function runBots(ctx: ActionContext, messages: readonly BotBoundMessage[]) {
  const greeted = new Set<string>();
  for (const m of messages) {
    // Read again for each message: an earlier one of the batch may have ended the bot's part.
    const conv = await ctx.trx
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', m.conversationId)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirstOrThrow();
    if (conv.state !== 'bot') continue;
    const channel = await ctx.trx
      .selectFrom('channels')
      .select('settings')
      .where('id', '=', conv.channel_id)
      .executeTakeFirstOrThrow();
    const settings = botSettingsOf(channel.settings);
    if (!settings) continue;
    if (settings.mode === 'external') {
      await queueBotDelivery(ctx, conv, m.messageId, settings);
      continue;
    }
    const greet = m.opened && !greeted.has(conv.id);
    greeted.add(conv.id);
    await builtinBotTurn(ctx, conv, settings, { text: m.text, greet });
  }
}
