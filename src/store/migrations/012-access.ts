import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Access hardening (issue 12):
// - an operator can be deactivated (kept for history, no longer able to log in);
// - an e-mail is unique within an account, not across accounts, so creating an
//   operator never reveals that another account uses the address; log-in looks
//   the e-mail up across accounts (src/actions/sessions/login.ts says how);
// - API tokens may expire and record when they were last used.
export const m012Access: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE operators ADD COLUMN active boolean NOT NULL DEFAULT true;
      ALTER TABLE operators DROP CONSTRAINT operators_email_key;
      CREATE UNIQUE INDEX operators_account_email ON operators (account_id, email);
      CREATE INDEX operators_email ON operators (email, created_at);
      ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
      ALTER TABLE api_tokens ADD COLUMN last_used_at timestamptz;
      CREATE INDEX api_tokens_account ON api_tokens (account_id);
      CREATE INDEX sessions_operator ON sessions (operator_id);
      `,
    );
  },
};
