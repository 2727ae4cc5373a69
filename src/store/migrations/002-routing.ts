import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Round-robin cursors per team (the rotation must survive restarts and be shared
// by every node), and when the client was told nobody can answer right away
// (sent once, not spammed).
export const m002Routing: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE routing_cursors (
        account_id uuid NOT NULL REFERENCES accounts(id),
        team_key text NOT NULL,
        last_operator_id uuid NOT NULL,
        PRIMARY KEY (account_id, team_key)
      );
      ALTER TABLE conversations ADD COLUMN notice_sent_at timestamptz;
      CREATE INDEX conversations_queued_accounts ON conversations (account_id) WHERE state = 'queued'
    `,
    );
  },
};
