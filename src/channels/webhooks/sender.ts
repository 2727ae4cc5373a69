// Outgoing webhooks (CRM integration): one signed POST per subscribed event.
// The body is the event as stored in the outbox; docs/channels.md shows each
// type's payload. Receivers verify X-Switchboard-Signature like the API
// channel does and drop repeats by X-Switchboard-Delivery (at-least-once).
import type { EventRow, WebhookRow } from '../../store/schema.js';
import { postSigned } from '../http-post.js';
import type { OutboundPolicy } from '../outbound-address.js';

export interface WebhookBody {
  /** The event id: increasing per account, so a receiver can order what it got. */
  id: number;
  type: string;
  accountId: string;
  conversationId: string | null;
  createdAt: string;
  data: Record<string, unknown>;
}

export function webhookBody(event: EventRow): WebhookBody {
  return {
    id: Number(event.id),
    type: event.type,
    accountId: event.account_id,
    conversationId: event.conversation_id,
    createdAt: new Date(event.created_at).toISOString(),
    data: event.payload,
  };
}

export async function sendWebhook(input: {
  webhook: WebhookRow;
  event: EventRow;
  deliveryId: string;
  timeoutMs: number;
  policy: OutboundPolicy;
}): Promise<void> {
  await postSigned({
    url: input.webhook.url,
    secret: input.webhook.secret,
    body: JSON.stringify(webhookBody(input.event)),
    deliveryId: input.deliveryId,
    now: new Date(),
    timeoutMs: input.timeoutMs,
    policy: input.policy,
    headers: { 'x-switchboard-event': input.event.type },
  });
}
