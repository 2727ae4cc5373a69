import { type Kysely, type Migration, sql } from 'kysely';
import { storeMetricRows } from '../queries/conversation-metrics.js';
import { runStatements } from './001-initial.js';

// Reports (issue 6): per-conversation metric rows, so a report over a month of
// a busy account reads one narrow row per conversation instead of every
// message. Rows exist for closed conversations only; the actions that change a
// closed conversation's inputs rewrite its row in their transaction
// (src/store/queries/conversation-metrics.ts). The open-conversation index lets
// reports find the few open ones in a period, whose rows are computed live.
// Conversations closed before this migration are filled in here, with the same
// SQL the actions use.
export const m006Reports: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE conversation_metrics (
        conversation_id uuid PRIMARY KEY REFERENCES conversations(id),
        account_id uuid NOT NULL REFERENCES accounts(id),
        channel_id uuid NOT NULL,
        team_id uuid,
        operator_id uuid,
        category_id uuid,
        rating text,
        targeted boolean,
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        first_response_ms double precision,
        wait_ms double precision,
        duration_ms double precision,
        answered integer NOT NULL,
        unanswered integer NOT NULL,
        reaction_sum_ms double precision NOT NULL,
        reaction_count integer NOT NULL,
        abandoned boolean NOT NULL,
        sl_decided boolean NOT NULL
      );
      CREATE INDEX conversation_metrics_period ON conversation_metrics (account_id, created_at);
      CREATE INDEX conversations_open_created ON conversations (account_id, created_at)
        WHERE state <> 'closed'
    `,
    );
    await storeMetricRows(db, sql`true`);
  },
};
