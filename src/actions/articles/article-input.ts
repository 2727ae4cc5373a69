// What an article is made of, as the actions take it, and the audit record of
// every knowledge-base write (admins' actions are in the audit log).
import type { ArticleLanguage } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

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

export async function auditArticle(ctx: ActionContext, action: string, articleId: string) {
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
