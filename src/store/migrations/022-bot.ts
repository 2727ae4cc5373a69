import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Issue 17, the bot in front of the queue:
// - a conversation on a channel with a bot starts in state 'bot' (`with_bot`
//   stays true for the statistics); its bot's
//   memory (turns, the buttons and articles it offered) is `bot_state`, and
//   `handed_over_at` is when the bot gave it to the queue (queued_at starts
//   then too); the bot may close a conversation it resolved ('bot');
// - a bot message may carry buttons, delivered per channel (docs/bot.md);
// - every article the bot showed, and whether the client said it helped, for
//   the statistics;
// - messages for an external bot (the bot API) wait in bot_deliveries, one
//   row per client message, retried until answered or handed over.
export const m022Bot: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      ALTER TABLE conversations ADD COLUMN with_bot boolean NOT NULL DEFAULT false;
      ALTER TABLE conversations ADD COLUMN bot_state jsonb;
      ALTER TABLE conversations ADD COLUMN handed_over_at timestamptz;
      ALTER TABLE conversations DROP CONSTRAINT conversations_closed_by_check;
      ALTER TABLE conversations ADD CONSTRAINT conversations_closed_by_check
        CHECK (closed_by IN ('contact','operator','system','bot'));
      ALTER TABLE messages ADD COLUMN buttons jsonb;
      CREATE TABLE bot_article_shows (
        account_id uuid NOT NULL REFERENCES accounts(id),
        conversation_id uuid NOT NULL REFERENCES conversations(id),
        channel_id uuid NOT NULL REFERENCES channels(id),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        shown_at timestamptz NOT NULL,
        helped boolean,
        PRIMARY KEY (conversation_id, article_id, shown_at)
      );
      CREATE INDEX bot_article_shows_account ON bot_article_shows (account_id, shown_at);
      CREATE TABLE bot_deliveries (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        conversation_id uuid NOT NULL REFERENCES conversations(id),
        channel_id uuid NOT NULL REFERENCES channels(id),
        message_id uuid NOT NULL UNIQUE REFERENCES messages(id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','answered','failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        deadline_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX bot_deliveries_due ON bot_deliveries (next_attempt_at) WHERE status IN ('pending','sent');
      `,
    );
  },
};
