import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Websocket presence of operators, per node (DESIGN §2: a dropped connection
// gets a grace period before the operator goes offline). One row per operator
// and node: a node writes its own live count and refreshes `seen_at` while it
// lives, so a node that died leaves rows that go stale instead of counting
// forever.
export const m008RoutingPresence: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE operator_presence (
        operator_id uuid NOT NULL REFERENCES operators(id),
        node text NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts(id),
        connections integer NOT NULL CHECK (connections >= 0),
        seen_at timestamptz NOT NULL,
        PRIMARY KEY (operator_id, node)
      );
      CREATE INDEX operator_presence_account ON operator_presence (account_id)
    `,
    );
  },
};
