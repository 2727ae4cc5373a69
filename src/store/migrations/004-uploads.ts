import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Uploaded files: the bytes live under DATA_DIR/uploads, the metadata here,
// so a download is checked against the account and the uploader.
export const m004Uploads: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE uploads (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        uploader_kind text NOT NULL CHECK (uploader_kind IN ('operator','contact','system')),
        uploader_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `,
    );
  },
};
