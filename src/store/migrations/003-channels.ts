import type { Kysely, Migration } from 'kysely';
import { runStatements } from './001-initial.js';

// Channels (issue 7): the durable inbound inbox, outbound deliveries with their
// dead-letter state, outgoing webhook subscriptions, per-conversation channel
// threads and per-channel worker state. Every table is keyed by account_id.
// - channel_inbox: an inbound item is stored before the sender is answered, so
//   an acknowledged Telegram update or SMTP DATA is never lost; the unique
//   (channel_id, external_id) applies a re-sent update_id / Message-ID once.
// - deliveries: one row per outbound message (unique message_id) or per
//   webhook and event (unique pair); the worker claims due rows with
//   FOR UPDATE SKIP LOCKED, in order_key order per conversation.
// - event_cursors: how far a consumer (outbound queueing) has read the events
//   table of an account; advanced in the same transaction as what it produced.
export const m003Channels: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE SEQUENCE channel_inbox_order;
      CREATE TABLE channel_inbox (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL,
        channel_id uuid NOT NULL REFERENCES channels(id),
        external_id text NOT NULL,
        thread_key text NOT NULL,
        order_key bigint NOT NULL DEFAULT nextval('channel_inbox_order'),
        payload jsonb,
        raw bytea,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','ignored','dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        received_at timestamptz NOT NULL,
        processed_at timestamptz,
        UNIQUE (channel_id, external_id)
      );
      CREATE INDEX channel_inbox_due ON channel_inbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX channel_inbox_thread ON channel_inbox (channel_id, thread_key, order_key)
        WHERE status = 'pending';
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        url text NOT NULL,
        secret text NOT NULL,
        events text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        cursor_event_id bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhooks_account ON webhooks (account_id) WHERE active;
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        target text NOT NULL CHECK (target IN ('channel','webhook')),
        channel_id uuid REFERENCES channels(id),
        webhook_id uuid REFERENCES webhooks(id),
        conversation_id uuid,
        message_id uuid,
        event_id bigint,
        order_key bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','sent','failed','dead')),
        attempts integer NOT NULL DEFAULT 0,
        parts_sent integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        error_kind text CHECK (error_kind IN ('temporary','permanent','auth_revoked')),
        external_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        sent_at timestamptz,
        CHECK ((target = 'channel') = (channel_id IS NOT NULL AND message_id IS NOT NULL)),
        CHECK ((target = 'webhook') = (webhook_id IS NOT NULL AND event_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX deliveries_one_per_message ON deliveries (message_id)
        WHERE message_id IS NOT NULL;
      CREATE UNIQUE INDEX deliveries_one_per_webhook_event ON deliveries (webhook_id, event_id)
        WHERE webhook_id IS NOT NULL;
      CREATE INDEX deliveries_due ON deliveries (next_attempt_at)
        WHERE status IN ('pending','failed');
      CREATE INDEX deliveries_conversation_open ON deliveries (conversation_id, order_key)
        WHERE status IN ('pending','failed');
      CREATE INDEX deliveries_account ON deliveries (account_id, status, updated_at);
      CREATE INDEX deliveries_external ON deliveries (channel_id, external_id)
        WHERE external_id IS NOT NULL;
      CREATE TABLE channel_threads (
        conversation_id uuid PRIMARY KEY REFERENCES conversations(id),
        account_id uuid NOT NULL,
        channel_id uuid NOT NULL REFERENCES channels(id),
        token text NOT NULL UNIQUE,
        reply_to text NOT NULL,
        subject text,
        message_ids text[] NOT NULL DEFAULT '{}'
      );
      CREATE INDEX channel_threads_message_ids ON channel_threads USING gin (message_ids);
      CREATE TABLE event_cursors (
        account_id uuid NOT NULL REFERENCES accounts(id),
        consumer text NOT NULL,
        event_id bigint NOT NULL,
        PRIMARY KEY (account_id, consumer)
      );
      CREATE TABLE channel_workers (
        channel_id uuid PRIMARY KEY REFERENCES channels(id),
        account_id uuid NOT NULL,
        node text,
        lease_expires_at timestamptz,
        cursor jsonb NOT NULL DEFAULT '{}',
        last_error text,
        last_error_at timestamptz,
        updated_at timestamptz NOT NULL
      )
    `,
    );
  },
};
