// JSON shapes of deliveries and webhook subscriptions, for REST responses and
// the `delivery.updated` event. Webhook secrets are shown once, at creation,
// and never again; nothing here carries a channel secret.
import type { DeliveryRow, WebhookRow } from '../store/schema.js';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export interface DeliveryView {
  id: string;
  target: DeliveryRow['target'];
  channelId: string | null;
  webhookId: string | null;
  conversationId: string | null;
  messageId: string | null;
  eventId: number | null;
  /**
   * pending → sent; failed = a retry is scheduled; dead = given up (the
   * dead-letter list); discarded = an admin dropped it from that list.
   */
  status: DeliveryRow['status'];
  /** Attempts so far; retries are attempts - 1. */
  attempts: number;
  /** The receiver's HTTP status at the last attempt (webhooks, API channel); null: no answer. */
  responseStatus: number | null;
  /** The start of the receiver's answer at the last attempt. */
  responseExcerpt: string | null;
  /** A "send a test event" delivery rather than a real event's. */
  test: boolean;
  errorKind: DeliveryRow['error_kind'];
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function presentDelivery(d: DeliveryRow): DeliveryView {
  const waiting = d.status === 'pending' || d.status === 'failed';
  return {
    id: d.id,
    target: d.target,
    channelId: d.channel_id,
    webhookId: d.webhook_id,
    conversationId: d.conversation_id,
    messageId: d.message_id,
    eventId: d.event_id === null ? null : Number(d.event_id),
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.response_status,
    responseExcerpt: d.response_excerpt,
    test: d.target === 'webhook' && d.event_id === null,
    errorKind: d.error_kind,
    lastError: d.last_error,
    nextAttemptAt: waiting ? iso(d.next_attempt_at) : null,
    sentAt: iso(d.sent_at),
    createdAt: iso(d.created_at)!,
    updatedAt: iso(d.updated_at)!,
  };
}

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  /** Paused: nothing is sent; events wait and go out once resumed. */
  paused: boolean;
  createdAt: string;
}

export function presentWebhook(w: WebhookRow): WebhookView {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    active: w.active,
    paused: w.paused,
    createdAt: iso(w.created_at)!,
  };
}
