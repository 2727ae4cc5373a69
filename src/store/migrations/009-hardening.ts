import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Security review fixes. A contact's upload remembers the channel it came
// from, so a widget token (bound to one channel) cannot fetch what the same
// contact sent on Telegram or by e-mail. Transfers are recorded with the
// note the operator left for the next one: operators read it in the
// conversation's history; the client never sees it.
export const m009Hardening: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE uploads ADD COLUMN channel_id uuid REFERENCES channels(id);
      CREATE TABLE transfers (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        conversation_id uuid NOT NULL REFERENCES conversations(id),
        by_operator_id uuid REFERENCES operators(id),
        from_operator_id uuid REFERENCES operators(id),
        to_operator_id uuid REFERENCES operators(id),
        to_team_id uuid REFERENCES teams(id),
        note text,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX transfers_by_conversation ON transfers (account_id, conversation_id, created_at)
    `,
    );
  },
};
