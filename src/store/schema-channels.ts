// Row types of the channels' tables (issue 7): inbound inbox, deliveries,
// webhooks, threads, channel workers. The SQL lives in migrations/003-channels.ts.
import type { ColumnType, Selectable } from 'kysely';
import type { BigId, BigInt8, CreatedAt, Timestamp } from './schema-columns.js';

export type InboxStatus = 'pending' | 'done' | 'ignored' | 'dead';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'dead' | 'discarded';
export type DeliveryTarget = 'channel' | 'webhook';
export type DeliveryErrorKind = 'temporary' | 'permanent' | 'auth_revoked';

export interface ChannelInboxTable {
  id: BigId;
  account_id: string;
  channel_id: string;
  external_id: string;
  thread_key: string;
  /** The provider's own order (Telegram update_id) or, by default, arrival order. */
  order_key: ColumnType<number, number | undefined, number>;
  payload: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  raw: ColumnType<Uint8Array | null, Uint8Array | null, Uint8Array | null>;
  status: ColumnType<InboxStatus, InboxStatus | undefined, InboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  received_at: Timestamp;
  processed_at: Timestamp | null;
}

export interface WebhooksTable {
  id: string;
  account_id: string;
  url: string;
  secret: string;
  events: string[];
  active: ColumnType<boolean, boolean | undefined, boolean>;
  /** Paused: events are not sent (nor queued) until resumed. */
  paused: ColumnType<boolean, boolean | undefined, boolean>;
  cursor_event_id: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface DeliveriesTable {
  id: string;
  account_id: string;
  target: DeliveryTarget;
  channel_id: string | null;
  webhook_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  event_id: number | null;
  order_key: BigInt8;
  status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  parts_sent: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  error_kind: DeliveryErrorKind | null;
  external_id: string | null;
  /** The receiver's HTTP status of the last attempt (webhooks, API channel). */
  response_status: number | null;
  /** The start of the receiver's last answer body. */
  response_excerpt: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface ChannelThreadsTable {
  conversation_id: string;
  account_id: string;
  channel_id: string;
  token: string;
  reply_to: string;
  subject: string | null;
  message_ids: ColumnType<string[], string[] | undefined, string[]>;
}

export interface ChannelWorkersTable {
  channel_id: string;
  account_id: string;
  node: string | null;
  lease_expires_at: Timestamp | null;
  cursor: ColumnType<Record<string, unknown>, string | undefined, string>;
  last_error: string | null;
  last_error_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface EventCursorsTable {
  account_id: string;
  consumer: string;
  event_id: number;
}

export interface ChannelTables {
  channel_inbox: ChannelInboxTable;
  event_cursors: EventCursorsTable;
  webhooks: WebhooksTable;
  deliveries: DeliveriesTable;
  channel_threads: ChannelThreadsTable;
  channel_workers: ChannelWorkersTable;
}

export type InboxRow = Selectable<ChannelInboxTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type ChannelThreadRow = Selectable<ChannelThreadsTable>;
