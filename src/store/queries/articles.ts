// Reads of the knowledge base (issue 17, docs/bot.md): lists, one article,
// and the ranked full-text search the admin console, the widget and the bot use.
import { type Kysely, sql } from 'kysely';
import { type ArticleWord, articleTsQueries } from '../../domain/search/article-query.js';
import { foldText, queryWords } from '../../domain/search/query.js';
import type { ArticleLanguage, Database } from '../schema.js';

export const ARTICLE_COLUMNS = [
  'id',
  'title',
  'body',
  'language',
  'tags',
  'published',
  'created_at',
  'updated_at',
] as const;

export async function listArticles(
  db: Kysely<Database>,
  accountId: string,
  filter: { language?: ArticleLanguage; published?: boolean; tag?: string },
) {
  let q = db
    .selectFrom('articles')
    .select(ARTICLE_COLUMNS)
    .where('account_id', '=', accountId)
    .orderBy('updated_at', 'desc')
    .orderBy('id');
  if (filter.language) q = q.where('language', '=', filter.language);
  if (filter.published !== undefined) q = q.where('published', '=', filter.published);
  if (filter.tag) q = q.where(sql<boolean>`${filter.tag} = ANY(tags)`);
  return q.limit(1000).execute();
}

export async function articlesByIds(
  db: Kysely<Database>,
  accountId: string,
  ids: readonly string[],
  publishedOnly: boolean,
) {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('articles')
    .select(ARTICLE_COLUMNS)
    .where('account_id', '=', accountId)
    .where('id', 'in', ids);
  if (publishedOnly) q = q.where('published', '=', true);
  const rows = await q.execute();
  // In the order asked for.
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

export interface ArticleSearch {
  accountId: string;
  q: string;
  publishedOnly: boolean;
  /** Only articles in these languages; absent: all. */
  languages?: readonly ArticleLanguage[];
  limit: number;
}

/**
 * Articles matching any word of `q`, best first, each with its rank in 0–1:
 * PostgreSQL's ts_rank (title weighted above body) scaled as rank/(rank+1),
 * the same scale the bot's threshold is on. Empty when only stop words remain.
 */
export async function searchArticles(db: Kysely<Database>, s: ArticleSearch) {
  const words = queryWords(s.q);
  if (words.length === 0) return [];
  const { rows: analysed } = await sql<ArticleWord>`
    SELECT w AS word,
      tsvector_to_array(to_tsvector('english'::regconfig, w)) AS english,
      tsvector_to_array(to_tsvector('russian'::regconfig, w)) AS russian
    FROM unnest(${sql.val(words.map(foldText))}::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n`.execute(
    db,
  );
  const queries = articleTsQueries(analysed);
  if (!queries.english && !queries.russian) return [];
  // A configuration without a query gets one that matches nothing.
  const en = sql`${queries.english ?? ''}::tsquery`;
  const ru = sql`${queries.russian ?? ''}::tsquery`;
  const query = sql`(CASE a.language WHEN 'en' THEN ${en} ELSE ${ru} END)`;
  let q = db
    .selectFrom('articles as a')
    .select([
      'a.id',
      'a.title',
      'a.body',
      'a.language',
      'a.tags',
      'a.published',
      'a.created_at',
      'a.updated_at',
      sql<number>`ts_rank(a.search_vector, ${query}, 32)::float8`.as('rank'),
    ])
    .where('a.account_id', '=', s.accountId)
    .where(sql<boolean>`a.search_vector @@ ${query}`);
  if (s.publishedOnly) q = q.where('a.published', '=', true);
  if (s.languages && s.languages.length > 0) q = q.where('a.language', 'in', s.languages);
  return q.orderBy('rank', 'desc').orderBy('a.updated_at', 'desc').limit(s.limit).execute();
}
