import { notFound } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { auditArticle } from './article-input.js';

export async function deleteArticle(ctx: ActionContext, input: { articleId: string }) {
  authorize(ctx.actor, 'account.configure');
  const row = await ctx.trx
    .deleteFrom('articles')
    .where('id', '=', input.articleId)
    .where('account_id', '=', ctx.accountId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('Article');
  await auditArticle(ctx, 'article.delete', row.id);
}
