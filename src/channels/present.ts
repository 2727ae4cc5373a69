// JSON shapes of deliveries and webhook subscriptions, for REST responses and
// the `delivery.updated` event. Webhook secrets are shown once, at creation,
// and never again; nothing here carries a channel secret.
import type { DeliveryView, WebhookView } from '../contract/views.js';
import type { DeliveryRow, WebhookRow } from '../store/schema.js';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

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

export type { DeliveryView, WebhookView };
