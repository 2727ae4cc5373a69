import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Issue 16, the admin console:
// - a team may have working hours of its own (null: the account's apply);
// - a webhook can be paused without losing its secret or its place in the
//   event stream (`active` false still means deleted);
// - a delivery keeps what the receiver answered (status code, an excerpt), so
//   an admin sees why a webhook failed;
// - an admin may discard a dead delivery: it leaves the failed list, and the
//   row stays as the record that it was given up.
export const m020SchedulesAndIntegrations: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE teams ADD COLUMN working_hours jsonb;
      ALTER TABLE webhooks ADD COLUMN paused boolean NOT NULL DEFAULT false;
      ALTER TABLE deliveries ADD COLUMN response_status integer;
      ALTER TABLE deliveries ADD COLUMN response_excerpt text;
      ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check;
      ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check
        CHECK (status IN ('pending','sent','failed','dead','discarded'))
      `,
    );
  },
};
