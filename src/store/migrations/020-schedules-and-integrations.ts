import { type Kysely, type Migration, sql } from 'kysely';
import { runStatements } from './001-initial.js';

// Issue 16, the admin console:
// - a team may have working hours of its own (null: the account's apply);
// - a webhook can be paused without losing its secret or its place in the
//   event stream (`active` false still means deleted);
// - a delivery keeps what the receiver answered (status code, an excerpt), so
//   an admin sees why a webhook failed;
// - an admin may discard a dead delivery: it leaves the failed list, and the
//   row stays as the record that it was given up;
// - "send a test event" is a webhook delivery without an event, so a webhook
//   delivery no longer needs an event id (a channel delivery still needs its
//   message).
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
        CHECK (status IN ('pending','sent','failed','dead','discarded'));
      ALTER TABLE deliveries ADD CONSTRAINT deliveries_webhook_shape
        CHECK ((target = 'webhook') = (webhook_id IS NOT NULL))
      `,
    );
    // 003 left its shape check unnamed; find it by what it says.
    await sql
      .raw(
        `DO $$
        DECLARE c text;
        BEGIN
          SELECT conname INTO c FROM pg_constraint
            WHERE conrelid = 'deliveries'::regclass AND contype = 'c'
              AND pg_get_constraintdef(oid) LIKE '%webhook_id IS NOT NULL%event_id IS NOT NULL%';
          IF c IS NOT NULL THEN
            EXECUTE format('ALTER TABLE deliveries DROP CONSTRAINT %I', c);
          END IF;
        END $$`,
      )
      .execute(db);
  },
};
