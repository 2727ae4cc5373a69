import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// The website visitor's page, browser and clock, kept with each conversation
// so its history shows where the visitor was (issue 15). One jsonb value: it is
// shown, never queried by part.
export const m018VisitorContext: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(db, 'ALTER TABLE conversations ADD COLUMN visitor_context jsonb');
  },
};
