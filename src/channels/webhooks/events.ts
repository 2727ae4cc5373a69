import type { EventType } from '../../events/catalog.js';

/**
 * Events an outgoing webhook may subscribe to (docs/channels.md lists their
 * payloads). Delivery states are deliberately not among them: a webhook about
 * a webhook delivery would feed itself.
 */
export const WEBHOOK_EVENTS = [
  'conversation.created',
  'conversation.assigned',
  'conversation.transferred',
  'conversation.closed',
  'conversation.rated',
  'message.created',
] as const satisfies readonly EventType[];

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(type: string): type is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(type);
}
