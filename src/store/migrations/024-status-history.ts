import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Issue 18: operators' presence history. Every status change an operator goes
// through (setOperatorStatus is its only writer) is kept with its time, so the
// staffing forecast can show who was actually online per interval and the
// what-if replay can put the same people online at the same times. Only the
// latest status lived on `operators` before; the events table has it too, but
// is a delivery log that may be pruned, not a record to report from.
export const m024StatusHistory: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE operator_status_log (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        operator_id uuid NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('online', 'away', 'offline')),
        at timestamptz NOT NULL
      );
      CREATE INDEX operator_status_log_account_at ON operator_status_log (account_id, at);
      `,
    );
  },
};
