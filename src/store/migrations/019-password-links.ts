import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// One-time links to set a password (issue 16): an invitation, or a reset the
// operator asked for. Only a hash of the token is stored, so a leaked table
// opens nothing; a link is deleted when used, and issuing a new one for the
// operator deletes the old, so at most one link of an operator works at a time.
export const m019PasswordLinks: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE password_links (
        token_hash text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        operator_id uuid NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invite', 'reset')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX password_links_operator ON password_links (operator_id);
      `,
    );
  },
};
