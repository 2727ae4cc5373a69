// Writing the knowledge base (issue 17): create, change, delete, import.
// Admins only; each write is in the audit log. Articles have no events: the
// admin console reloads its list after a save, and the bot and the widget
// search the table at the moment they need it.
import { randomUUID } from 'node:crypto';
import { notFound } from '../../errors.js';
import { ARTICLE_COLUMNS } from '../../store/queries/articles.js';
import type { ArticleLanguage } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export interface ArticleInput {
  title: string;
  body: string;
  language: ArticleLanguage;
  tags: string[];
  published: boolean;
}

/** Tags are kept trimmed, lower-case and once each. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))];
}

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

async function auditArticle(ctx: ActionContext, action: string, articleId: string) {
  await ctx.trx
    .insertInto('audit_log')
    .values({
      account_id: ctx.accountId,
      actor_id: ctx.actor.kind === 'operator' ? ctx.actor.id : null,
      action,
      details: JSON.stringify({ articleId }),
    })
    .execute();
}
