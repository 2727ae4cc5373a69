// The knowledge base's answers to staff (issue 17, docs/bot.md): articles as
// admins edit them. Visitors' answers are in ./visitor.ts (WidgetArticles).
import { z } from 'zod';

export const ArticleLanguage = z.enum(['ru', 'uk', 'en']);

export const ArticleView = z.object({
  id: z.string(),
  title: z.string(),
  /** Markdown. */
  body: z.string(),
  language: ArticleLanguage,
  tags: z.array(z.string()),
  published: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ArticleList = z.object({ articles: z.array(ArticleView) });
/** GET /articles/search: best first, ranked as the bot ranks them. */
export const RankedArticleList = z.object({
  articles: z.array(ArticleView.extend({ rank: z.number() })),
});
/** One article with its body rendered as the widget shows it. */
export const RenderedArticle = ArticleView.extend({ html: z.string() });
export const ArticlePreview = z.object({ html: z.string(), text: z.string() });
export const ArticleImport = z.object({ created: z.number(), updated: z.number() });

export type ArticleView = z.infer<typeof ArticleView>;
export type ArticleList = z.infer<typeof ArticleList>;
export type RankedArticleList = z.infer<typeof RankedArticleList>;
export type ArticlePreview = z.infer<typeof ArticlePreview>;
export type ArticleImport = z.infer<typeof ArticleImport>;
