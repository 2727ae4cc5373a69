// The built-in bot's turn inside the transaction that received the client's
// message (docs/bot.md): read what it needs, ask the pure decision function
// (src/domain/bot/decide.ts), and write what it decided — its messages, its
// memory, the conversation's team and category, the articles it showed and
// the client's verdict on them, then a hand-over or a close.
import { classify, decide, EMPTY_STATE } from '../../domain/bot/decide.js';
import type {
  ArticleHit,
  BotDecision,
  BotIntent,
  BotLanguage,
  BotState,
  BuiltinBotSettings,
} from '../../domain/bot/types.js';
import { articlePlainText } from '../../knowledge/markdown.js';
import { articlesByIds, searchArticles } from '../../store/queries/articles.js';
import type { ConversationRow } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { closeConversation } from '../conversations/close-conversation.js';
import { sendMessages } from '../messages/send-messages.js';
import { handOver } from './hand-over.js';

/** Candidates read per question; the decision keeps at most three above its threshold. */
const CANDIDATES = 5;

/** The bot speaks the conversation's language when it is one of its own, else the browser's, else English. */
export function botLanguage(
  conv: Pick<ConversationRow, 'language' | 'visitor_context'>,
): BotLanguage {
  const candidates = [conv.language, conv.visitor_context?.language ?? null];
  for (const c of candidates) {
    const base = c?.toLowerCase().split(/[-_]/)[0];
    if (base === 'en' || base === 'ru' || base === 'uk') return base;
  }
  return 'en';
}

/**
 * One client message to the built-in bot. `greet`: the conversation was just
 * opened by this message, so the bot greets (and shows its menu) first.
 */
export async function builtinBotTurn(
  ctx: ActionContext,
  conv: ConversationRow,
  settings: BuiltinBotSettings,
  message: { text: string; buttonId?: string | null; greet: boolean },
): Promise<void> {
  const bot: ActionContext = { ...ctx, actor: { kind: 'system' } };
  const language = botLanguage(conv);
  let state: BotState | null = conv.bot_state;
  if (message.greet) {
    const hello = decide({ settings, state, language, intent: { kind: 'start' }, articles: [] });
    await say(bot, conv.id, hello);
    state = hello.state;
  }
  const intent = classify(state ?? EMPTY_STATE, message.text, message.buttonId);
  const articles = await articlesFor(ctx, settings, intent, language);
  const decision = decide({ settings, state, language, intent, articles });
  await apply(bot, conv, decision);
}

async function articlesFor(
  ctx: ActionContext,
  settings: BuiltinBotSettings,
  intent: BotIntent,
  language: BotLanguage,
): Promise<ArticleHit[]> {
  if (intent.kind === 'text') {
    const rows = await searchArticles(ctx.trx, {
      accountId: ctx.accountId,
      q: intent.text,
      publishedOnly: true,
      languages: [language],
      limit: CANDIDATES,
    });
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      text: articlePlainText(r.body),
      rank: r.rank,
    }));
  }
  if (intent.kind === 'button' && intent.action.kind === 'menu') {
    const { itemId } = intent.action;
    const ids = settings.menu.find((m) => m.id === itemId)?.articleIds ?? [];
    const rows = await articlesByIds(ctx.trx, ctx.accountId, ids, true);
    return rows.map((r) => ({ id: r.id, title: r.title, text: articlePlainText(r.body), rank: 1 }));
  }
  return [];
}

async function say(bot: ActionContext, conversationId: string, decision: BotDecision) {
  if (decision.replies.length === 0) return;
  await sendMessages(
    bot,
    decision.replies.map((r) => ({
      actor: bot.actor,
      input: { conversationId, text: r.text, asBot: true, buttons: r.buttons },
    })),
  );
}

/**
 * A menu's team or category that is gone since the admin saved it (a deleted
 * category) is left out: a client's message never fails on the bot's menu.
 */
async function stillThere(bot: ActionContext, decision: BotDecision): Promise<BotDecision> {
  const out = { ...decision };
  if (out.teamId) {
    const team = await bot.trx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', out.teamId)
      .where('account_id', '=', bot.accountId)
      .executeTakeFirst();
    if (!team) delete out.teamId;
  }
  if (out.categoryId) {
    const category = await bot.trx
      .selectFrom('categories')
      .select('id')
      .where('id', '=', out.categoryId)
      .where('account_id', '=', bot.accountId)
      .executeTakeFirst();
    if (!category) delete out.categoryId;
  }
  return out;
}

async function apply(bot: ActionContext, conv: ConversationRow, decided: BotDecision) {
  const decision = await stillThere(bot, decided);
  await say(bot, conv.id, decision);
  await bot.trx
    .updateTable('conversations')
    .set({
      bot_state: JSON.stringify(decision.state),
      ...(decision.outcome !== 'handover' && decision.teamId !== undefined
        ? { team_id: decision.teamId }
        : {}),
      ...(decision.outcome !== 'handover' && decision.categoryId !== undefined
        ? { category_id: decision.categoryId }
        : {}),
    })
    .where('id', '=', conv.id)
    .execute();
  if (decision.shown.length > 0) {
    await bot.trx
      .insertInto('bot_article_shows')
      .values(
        decision.shown.map((articleId) => ({
          account_id: bot.accountId,
          conversation_id: conv.id,
          channel_id: conv.channel_id,
          article_id: articleId,
          shown_at: bot.now,
          helped: null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (decision.feedback) {
    await bot.trx
      .updateTable('bot_article_shows')
      .set({ helped: decision.feedback.helped })
      .where('conversation_id', '=', conv.id)
      .where('article_id', 'in', decision.feedback.articleIds)
      .where('helped', 'is', null)
      .execute();
  }
  if (decision.outcome === 'handover') {
    await handOver(bot, {
      conversationId: conv.id,
      reason: decision.reason ?? 'asked',
      ...(decision.teamId !== undefined ? { teamId: decision.teamId } : {}),
      ...(decision.categoryId !== undefined ? { categoryId: decision.categoryId } : {}),
    });
  } else if (decision.outcome === 'resolved') {
    await closeConversation(bot, { conversationId: conv.id, asBot: true });
  }
}
