import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Per-account audit settings (issue 19): checks an admin switched off, and the
// account's own phrases — greeting, farewell and banned phrases per language —
// as `{"ru": {"greeting": [...], "farewell": [...], "banned": [...]}, "uk": …, "en": …}`.
// No row means the defaults: every check on, no extra phrases.
export const m025AuditSettings: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE audit_settings (
        account_id uuid PRIMARY KEY REFERENCES accounts(id),
        disabled text[] NOT NULL DEFAULT '{}',
        phrases jsonb NOT NULL DEFAULT '{}',
        updated_by uuid REFERENCES operators(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
      `,
    );
  },
};
