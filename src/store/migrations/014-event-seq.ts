import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Each account's events get a gapless sequence (1, 2, 3…) in commit order, so a
// node that hears event n+2 before n+1 knows something is missing and reads it
// from the table (docs/realtime.md, delivery contract). Existing events are
// numbered in id order, which within an account is their commit order.
export const m014EventSeq: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE events ADD COLUMN seq bigint;
      UPDATE events e SET seq = n.seq
        FROM (SELECT id, row_number() OVER (PARTITION BY account_id ORDER BY id) AS seq FROM events) n
        WHERE e.id = n.id;
      ALTER TABLE events ALTER COLUMN seq SET NOT NULL;
      CREATE UNIQUE INDEX events_account_seq ON events (account_id, seq)
    `,
    );
  },
};
