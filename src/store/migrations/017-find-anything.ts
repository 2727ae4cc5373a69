import type { Kysely, Migration } from 'kysely';
import { contactDocumentSql, messageDocumentSql } from '../search-sql.js';
import { runStatements } from './001-initial.js';

// Finding past conversations (issue 15, docs/search.md):
// - messages get a stored, generated tsvector of their text in the `russian`
//   configuration, which stems Cyrillic words with Snowball's Russian stemmer
//   and Latin ones with the English stemmer (Cyrillic case-folded, ё made е
//   first; src/store/search-sql.ts), and a GIN index on it. Stored rather
//   than an expression index so that checking the newest messages for a
//   common word reads the vector instead of parsing every text again;
// - messages are walked newest first per account when a search word is common
//   (the planner's choice), and conversation lists page by creation;
// - contacts get a phone and a GIN index over name, e-mail and phone digits;
// - a reopened conversation remembers the one it continues.
export const m017FindAnything: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE messages ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (${messageDocumentSql('text')}) STORED;
      CREATE INDEX messages_search ON messages USING gin (search_vector);
      CREATE INDEX messages_account_created ON messages (account_id, created_at, id);
      ALTER TABLE contacts ADD COLUMN phone text;
      CREATE INDEX contacts_search ON contacts USING gin (${contactDocumentSql()});
      ALTER TABLE conversations ADD COLUMN reopened_from_id uuid REFERENCES conversations(id);
      CREATE INDEX conversations_account_state_created ON conversations (account_id, state, created_at, id);
      `,
    );
  },
};
