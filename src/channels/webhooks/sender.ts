// Outgoing webhooks (CRM integration): one signed POST per subscribed event.
// The body is the event as stored in the outbox; docs/channels.md shows each
// type's payload. Receivers verify X-Switchboard-Signature like the API
// channel does and drop repeats by X-Switchboard-Delivery (at-least-once).
import type { EventRow, WebhookRow } from '../../store/schema.js';
import { postSignedForAnswer, type ReceiverAnswer } from '../http-post.js';
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
  webhook: Pick<WebhookRow, 'url' | 'secret'>;
  event: EventRow;
  deliveryId: string;
  timeoutMs: number;
  policy: OutboundPolicy;
}): Promise<ReceiverAnswer> {
  return sendBody({ ...input, body: webhookBody(input.event) });
}

/** The type of the event "Send a test event" posts; nothing in the outbox has it. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * A test event, signed like any other: id 0 (no real event has it), so a
 * receiver can tell it apart and still check the signature end to end.
 */
export function testWebhookBody(accountId: string, now: Date): WebhookBody {
  return {
    id: 0,
    type: TEST_EVENT_TYPE,
    accountId,
    conversationId: null,
    createdAt: now.toISOString(),
    data: { test: true },
  };
}

export async function sendBody(input: {
  webhook: Pick<WebhookRow, 'url' | 'secret'>;
  body: WebhookBody;
  deliveryId: string;
  timeoutMs: number;
  policy: OutboundPolicy;
}): Promise<ReceiverAnswer> {
  const { answer } = await postSignedForAnswer({
    url: input.webhook.url,
    secret: input.webhook.secret,
    body: JSON.stringify(input.body),
    deliveryId: input.deliveryId,
    now: new Date(),
    timeoutMs: input.timeoutMs,
    policy: input.policy,
    headers: { 'x-switchboard-event': input.body.type },
  });
  return answer;
}
