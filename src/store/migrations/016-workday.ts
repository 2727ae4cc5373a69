import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// A working day in the workspace (issue 15):
// - conversation_reads: each operator's read position in a conversation, so
//   unread counts survive a reload and follow the operator across tabs;
// - notes: private notes (and supervisors' whispers) inside a conversation.
//   A table of their own, not messages: no outbound path (widget, Telegram,
//   e-mail, API, webhooks, the visitor's history) reads it, so a note cannot
//   reach a client by a filter someone forgot;
// - operators.chosen_status: the status the operator last chose, restored at
//   log-in; operators.last_login_at: null until the first log-in;
// - operators.alerts: which alerts the operator wants (sound, desktop, kinds).
export const m016Workday: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE conversation_reads (
        account_id uuid NOT NULL REFERENCES accounts(id),
        operator_id uuid NOT NULL REFERENCES operators(id),
        conversation_id uuid NOT NULL REFERENCES conversations(id),
        read_seq integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (operator_id, conversation_id)
      );
      CREATE TABLE notes (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        conversation_id uuid NOT NULL REFERENCES conversations(id),
        author_id uuid NOT NULL REFERENCES operators(id),
        text text NOT NULL,
        mentions uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL
      );
      CREATE INDEX notes_conversation ON notes (account_id, conversation_id, created_at);
      ALTER TABLE operators ADD COLUMN chosen_status text;
      ALTER TABLE operators ADD COLUMN last_login_at timestamptz;
      ALTER TABLE operators ADD COLUMN alerts jsonb
      `,
    );
  },
};
