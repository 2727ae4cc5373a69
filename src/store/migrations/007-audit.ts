import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Dialog-quality audit (DESIGN §5, issue 6):
// - audit_results: the automatic result, one row per conversation. It records
//   which close it audited (closed_at, last_seq) and with which version of the
//   checks, so a re-closed conversation or a new version is audited again and
//   the row replaced. `failed` lists the failing checks for the failing list.
// - audit_reviews: a reviewer's verdict, one per conversation, in its own table
//   so a re-audit replacing the automatic result never touches it.
export const m007Audit: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE audit_results (
        conversation_id uuid PRIMARY KEY REFERENCES conversations(id),
        account_id uuid NOT NULL REFERENCES accounts(id),
        operator_id uuid REFERENCES operators(id),
        closed_at timestamptz NOT NULL,
        last_seq integer NOT NULL,
        version integer NOT NULL,
        score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
        checks jsonb NOT NULL,
        failed text[] NOT NULL DEFAULT '{}',
        audited_at timestamptz NOT NULL
      );
      CREATE INDEX audit_results_closed ON audit_results (account_id, closed_at DESC, conversation_id DESC);
      CREATE TABLE audit_reviews (
        conversation_id uuid PRIMARY KEY REFERENCES conversations(id),
        account_id uuid NOT NULL REFERENCES accounts(id),
        reviewer_id uuid NOT NULL REFERENCES operators(id),
        verdicts jsonb NOT NULL,
        comment text,
        reviewed_at timestamptz NOT NULL
      );
      CREATE INDEX audit_reviews_account ON audit_reviews (account_id, reviewed_at)
    `,
    );
  },
};
