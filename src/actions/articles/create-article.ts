// Writing the knowledge base (issue 17, docs/bot.md). Articles have no events:
// the admin console reloads its list after a save, and the bot and the widget
// search the table at the moment they need it.
import { randomUUID } from 'node:crypto';
import { ARTICLE_COLUMNS } from '../../store/queries/articles.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { type ArticleInput, auditArticle, normalizeTags } from './article-input.js';

export async function createArticle(ctx: ActionContext, input: ArticleInput) {
  authorize(ctx.actor, 'account.configure');
  const row = await ctx.trx
    .insertInto('articles')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      title: input.title.trim(),
      body: input.body,
      language: input.language,
      tags: normalizeTags(input.tags),
      published: input.published,
      updated_at: ctx.now,
    })
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirstOrThrow();
  await auditArticle(ctx, 'article.create', row.id);
  return row;
}
