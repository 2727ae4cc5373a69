import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Issue 13: the operator report read each period conversation's audit score
// through a probe into audit_results — 80,000 index probes for a month of a
// busy account, the largest part of the report at 1M conversations. The report
// row now carries the score of its conversation's current automatic audit,
// written by recordAudit in the same transaction as audit_results (which stays
// the record of the audit; this column is the report's copy, as every column
// of conversation_metrics is). Existing rows take the score they already have.
export const m027ReportAuditScore: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE conversation_metrics ADD COLUMN audit_score double precision
        CHECK (audit_score >= 0 AND audit_score <= 1);
      UPDATE conversation_metrics m SET audit_score = a.score
        FROM audit_results a WHERE a.conversation_id = m.conversation_id
      `,
    );
  },
};
