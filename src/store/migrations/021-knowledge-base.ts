import type { Kysely, Migration } from 'kysely';
import { articleDocumentSql } from '../search-sql.js';
import { runStatements } from './001-initial.js';

// Issue 17, the knowledge base: articles in Markdown with a language, tags and
// a published flag, searched by PostgreSQL full-text search. The document is a
// stored generated tsvector, title weighted above body, in the stemming
// configuration of the article's own language (english for en, russian for ru
// and uk — PostgreSQL ships no Ukrainian stemmer; src/store/search-sql.ts).
export const m021KnowledgeBase: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE articles (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        title text NOT NULL,
        body text NOT NULL,
        language text NOT NULL CHECK (language IN ('ru','uk','en')),
        tags text[] NOT NULL DEFAULT '{}',
        published boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (${articleDocumentSql()}) STORED
      );
      CREATE INDEX articles_account ON articles (account_id, updated_at);
      CREATE INDEX articles_search ON articles USING gin (search_vector);
      `,
    );
  },
};
