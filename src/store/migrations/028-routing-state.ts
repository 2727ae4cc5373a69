import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Issue 14: routing passes of one account on several nodes queue on the
// account's routing lock, and most of them come after a pass that has already
// seen their trigger. Each pass records the account's highest event seq its
// snapshot saw; a pass triggered by an event at or below it has nothing new to
// plan and ends without reading the snapshot (src/actions/routing).
export const m028RoutingState: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE routing_state (
        account_id uuid PRIMARY KEY REFERENCES accounts(id),
        routed_seq bigint NOT NULL CHECK (routed_seq >= 0)
      )
      `,
    );
  },
};
