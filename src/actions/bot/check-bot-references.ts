import { botSettingsOf } from '../../channels/bot-settings.js';
import { invalid } from '../../errors.js';
import type { ActionContext } from '../context.js';

/**
 * The teams, categories and articles a bot's menu names must be the
 * account's own: checked when an admin saves the channel, so a client's
 * message never fails on a menu that points elsewhere (400 naming the field).
 */
export async function checkBotReferences(
  ctx: ActionContext,
  settings: Record<string, unknown>,
): Promise<void> {
  const bot = botSettingsOf(settings);
  if (bot?.mode !== 'builtin') return;
  for (const [i, item] of bot.menu.entries()) {
    const at = `settings.bot.menu.${i}`;
    if (item.teamId) {
      const found = await ctx.trx
        .selectFrom('teams')
        .select('id')
        .where('id', '=', item.teamId)
        .where('account_id', '=', ctx.accountId)
        .executeTakeFirst();
      if (!found) throw invalid(`${at}.teamId`, 'Unknown team.', { reason: 'invalid_id' });
    }
    if (item.categoryId) {
      const found = await ctx.trx
        .selectFrom('categories')
        .select('id')
        .where('id', '=', item.categoryId)
        .where('account_id', '=', ctx.accountId)
        .executeTakeFirst();
      if (!found) throw invalid(`${at}.categoryId`, 'Unknown category.', { reason: 'invalid_id' });
    }
    for (const [j, articleId] of (item.articleIds ?? []).entries()) {
      const found = await ctx.trx
        .selectFrom('articles')
        .select('id')
        .where('id', '=', articleId)
        .where('account_id', '=', ctx.accountId)
        .executeTakeFirst();
      if (!found)
        throw invalid(`${at}.articleIds.${j}`, 'Unknown article.', { reason: 'invalid_id' });
    }
  }
}
