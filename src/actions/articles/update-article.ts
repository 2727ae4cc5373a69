import { notFound } from '../../errors.js';
import { ARTICLE_COLUMNS } from '../../store/queries/articles.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { type ArticleInput, auditArticle, normalizeTags } from './article-input.js';

export async function updateArticle(
  ctx: ActionContext,
  input: { articleId: string } & Partial<ArticleInput>,
) {
  authorize(ctx.actor, 'account.configure');
  const { articleId, ...change } = input;
  const row = await ctx.trx
    .updateTable('articles')
    .set({
      ...(change.title !== undefined ? { title: change.title.trim() } : {}),
      ...(change.body !== undefined ? { body: change.body } : {}),
      ...(change.language !== undefined ? { language: change.language } : {}),
      ...(change.tags !== undefined ? { tags: normalizeTags(change.tags) } : {}),
      ...(change.published !== undefined ? { published: change.published } : {}),
      updated_at: ctx.now,
    })
    .where('id', '=', articleId)
    .where('account_id', '=', ctx.accountId)
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirst();
  if (!row) throw notFound('Article');
  await auditArticle(ctx, 'article.update', row.id);
  return row;
}
