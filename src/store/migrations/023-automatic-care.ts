import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Issue 17, automatic care:
// - a conversation flagged as angry or urgent (src/domain/care/urgency.ts)
//   keeps when and why, and when an operator first answered after the flag
//   (the flag statistics); a flagged one goes ahead of others of its channel
//   priority in the queue;
// - auto-close warns the client a minute before it closes an idle
//   conversation; the warning's time tells the sweep that the minute runs;
// - the sweep looks only at conversations someone is answering.
export const m023AutomaticCare: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE conversations ADD COLUMN flagged_at timestamptz;
      ALTER TABLE conversations ADD COLUMN flag_reasons text[];
      ALTER TABLE conversations ADD COLUMN flag_answered_at timestamptz;
      ALTER TABLE conversations ADD COLUMN idle_warned_at timestamptz;
      CREATE INDEX conversations_idle_candidates ON conversations (channel_id)
        WHERE state IN ('bot', 'assigned');
      CREATE INDEX conversations_flagged ON conversations (account_id, created_at)
        WHERE flagged_at IS NOT NULL
      `,
    );
  },
};
