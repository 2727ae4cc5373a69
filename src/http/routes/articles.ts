// The knowledge base (issue 17, docs/bot.md): admins write articles in
// Markdown, preview them as the widget will show them, search them ranked as
// the bot does, and import or export them as JSON or Markdown files. Visitors
// search the published ones through the widget (/widget/articles).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createArticle } from '../../actions/articles/create-article.js';
import { deleteArticle } from '../../actions/articles/delete-article.js';
import { importArticles } from '../../actions/articles/import-articles.js';
import { updateArticle } from '../../actions/articles/update-article.js';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import {
  ArticleImport,
  ArticleList,
  ArticlePreview,
  ArticleView,
  ArticleLanguage as articleLanguage,
  RankedArticleList,
  RenderedArticle,
} from '../../contract/articles.js';
import { invalid, notFound } from '../../errors.js';
import { articlePlainText, renderArticleHtml } from '../../knowledge/markdown.js';
import {
  formatMarkdownArticles,
  MarkdownFileError,
  parseMarkdownArticles,
} from '../../knowledge/markdown-files.js';
import { articlesByIds, listArticles, searchArticles } from '../../store/queries/articles.js';
import type { ArticleLanguage } from '../../store/schema.js';
import { operatorScope } from '../auth.js';
import { changeSet } from '../input-guards.js';
import { noContent } from '../replies.js';

const MAX_BODY = 50_000;

const articleFields = {
  title: z.string().trim().min(1).max(200),
  body: z.string().max(MAX_BODY),
  language: articleLanguage,
  tags: z.array(z.string().trim().min(1).max(40)).max(20),
  published: z.boolean(),
};
const articleInput = z.object(articleFields).strict();

interface ArticleRowLike {
  id: string;
  title: string;
  body: string;
  language: ArticleLanguage;
  tags: string[];
  published: boolean;
  created_at: Date;
  updated_at: Date;
}

export function presentArticle(r: ArticleRowLike): ArticleView {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    language: r.language,
    tags: r.tags,
    published: r.published,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const id = z.object({ id: z.string().uuid() });
const importItem = z.object({ ...articleFields, id: z.string().uuid().optional() }).strict();

export async function registerArticleRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/articles',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Articles of the knowledge base, newest change first (admins)',
        querystring: z.object({
          language: articleLanguage.optional(),
          published: z.enum(['true', 'false']).optional(),
          tag: z.string().trim().min(1).max(40).optional(),
        }),
        response: { 200: ArticleList },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const { published, ...rest } = request.query;
      const rows = await listArticles(services.db, scope.accountId, {
        ...rest,
        ...(published ? { published: published === 'true' } : {}),
      });
      return { articles: rows.map(presentArticle) };
    },
  );

  app.get(
    '/articles/search',
    {
      schema: {
        tags: ['knowledge base'],
        summary:
          'Articles matching any word, best first, with the rank (0–1) the bot compares to its threshold (admins)',
        querystring: z.object({
          q: z.string().trim().min(1).max(200),
          language: articleLanguage.optional(),
          publishedOnly: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: RankedArticleList,
        },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const { q, language, publishedOnly, limit } = request.query;
      const rows = await searchArticles(services.db, {
        accountId: scope.accountId,
        q,
        publishedOnly: publishedOnly === 'true',
        ...(language ? { languages: [language] } : {}),
        limit,
      });
      return { articles: rows.map((r) => ({ ...presentArticle(r), rank: r.rank })) };
    },
  );

  app.post(
    '/articles/preview',
    {
      schema: {
        tags: ['knowledge base'],
        summary:
          'Markdown as the widget shows it (sanitized HTML) and as the bot sends it (plain text)',
        body: z.object({ body: z.string().max(MAX_BODY) }).strict(),
        response: { 200: ArticlePreview },
      },
    },
    async (request) => {
      authorize(operatorScope(request).actor, 'account.configure');
      return {
        html: renderArticleHtml(request.body.body),
        text: articlePlainText(request.body.body),
      };
    },
  );

  app.get(
    '/articles/export',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Every article as one JSON document or one Markdown file (docs/bot.md)',
        querystring: z.object({ format: z.enum(['json', 'markdown']).default('json') }),
        response: {
          200: z.union([ArticleList, z.string()]),
        },
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const rows = await listArticles(services.db, scope.accountId, {});
      const articles = rows.map(presentArticle);
      if (request.query.format === 'json') {
        reply.header('content-disposition', 'attachment; filename="articles.json"');
        return { articles };
      }
      reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', 'attachment; filename="articles.md"');
      return formatMarkdownArticles(articles);
    },
  );

  app.post(
    '/articles/import',
    {
      schema: {
        tags: ['knowledge base'],
        summary:
          'Import articles from JSON ({format: "json", articles}) or a Markdown file ({format: "markdown", text}); all or nothing',
        body: z.discriminatedUnion('format', [
          z.object({ format: z.literal('json'), articles: z.array(importItem).max(1000) }).strict(),
          z.object({ format: z.literal('markdown'), text: z.string().max(5_000_000) }).strict(),
        ]),
        response: { 200: ArticleImport },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const articles =
        request.body.format === 'json' ? request.body.articles : fromMarkdown(request.body.text);
      const { result } = await perform(services, scope, (ctx) => importArticles(ctx, { articles }));
      return result;
    },
  );

  app.post(
    '/articles',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Write an article (admins)',
        body: articleInput,
        response: { 201: ArticleView },
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const { result } = await perform(services, scope, (ctx) => createArticle(ctx, request.body));
      return reply.status(201).send(presentArticle(result));
    },
  );

  app.get(
    '/articles/:id',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'One article, with its body rendered as the widget shows it',
        params: id,
        response: { 200: RenderedArticle },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const [row] = await articlesByIds(services.db, scope.accountId, [request.params.id], false);
      if (!row) throw notFound('Article');
      return { ...presentArticle(row), html: renderArticleHtml(row.body) };
    },
  );

  app.patch(
    '/articles/:id',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Change an article (admins)',
        params: id,
        body: changeSet({
          title: articleFields.title.optional(),
          body: articleFields.body.optional(),
          language: articleLanguage.optional(),
          tags: articleFields.tags.optional(),
          published: z.boolean().optional(),
        }),
        response: { 200: ArticleView },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        updateArticle(ctx, { articleId: request.params.id, ...request.body }),
      );
      return presentArticle(result);
    },
  );

  app.delete(
    '/articles/:id',
    {
      schema: {
        tags: ['knowledge base'],
        summary: 'Delete an article (admins)',
        params: id,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      await perform(services, scope, (ctx) => deleteArticle(ctx, { articleId: request.params.id }));
      return reply.status(204).send(null);
    },
  );
}

/** A Markdown file's articles, each checked as a JSON one would be (400 naming the article). */
function fromMarkdown(text: string) {
  let parsed: ReturnType<typeof parseMarkdownArticles>;
  try {
    parsed = parseMarkdownArticles(text);
  } catch (e) {
    if (e instanceof MarkdownFileError) throw invalid('text', e.message);
    throw e;
  }
  return parsed.map((a, i) => {
    const checked = importItem.safeParse(a);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw invalid(`text.${i}.${issue.path.join('.')}`, `Article ${i + 1}: ${issue.message}`);
    }
    return checked.data;
  });
}
