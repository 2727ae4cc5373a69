import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import type { ArticleInput } from './article-input.js';
import { createArticle } from './create-article.js';
import { updateArticle } from './update-article.js';

/**
 * Imports articles in one transaction: all or nothing. An item with the id of
 * an article of this account replaces it; any other id is ignored and a new
 * article made, so an export of one account imports into another.
 */
export async function importArticles(
  ctx: ActionContext,
  input: { articles: (ArticleInput & { id?: string })[] },
) {
  authorize(ctx.actor, 'account.configure');
  let created = 0;
  let updated = 0;
  for (const item of input.articles) {
    const { id, ...article } = item;
    if (id) {
      const existing = await ctx.trx
        .selectFrom('articles')
        .select('id')
        .where('id', '=', id)
        .where('account_id', '=', ctx.accountId)
        .executeTakeFirst();
      if (existing) {
        await updateArticle(ctx, { articleId: id, ...article });
        updated += 1;
        continue;
      }
    }
    await createArticle(ctx, article);
    created += 1;
  }
  return { created, updated };
}
