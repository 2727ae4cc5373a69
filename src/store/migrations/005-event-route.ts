import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Whose conversation an event concerned, so the gateway can send an operator
// only their own conversations and their teams' queue — also on resume.
export const m005EventRoute: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE events ADD COLUMN routed boolean NOT NULL DEFAULT false;
      ALTER TABLE events ADD COLUMN route_operator_id uuid;
      ALTER TABLE events ADD COLUMN route_team_id uuid
    `,
    );
  },
};
