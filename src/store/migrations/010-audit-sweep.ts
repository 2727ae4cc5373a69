import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// The auditor's periodic sweep looks only at recent closes (a full sweep runs
// at start and hourly): closed conversations by close time, newest first.
export const m010AuditSweep: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `CREATE INDEX conversations_closed ON conversations (closed_at DESC) WHERE state = 'closed'`,
    );
  },
};
