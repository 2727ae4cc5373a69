// Answers of the delivery, channel-health, contact-merge and webhook routes.
import { z } from 'zod';
import { ContactView, DeliveryView, WebhookView } from './views.js';

export const DeliveryList = z.object({ deliveries: z.array(DeliveryView) });
export const DeliveryAnswer = z.object({ delivery: DeliveryView });
export const RetriedAll = z.object({ retried: z.number() });
export const ChannelHealth = z.object({
  channelId: z.string(),
  /** Telegram: the webhook address registered with the Bot API; else null. */
  webhookUrl: z.string().nullable(),
  state: z.enum(['ok', 'failing']),
  currentError: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  /** Inbox rows per status. */
  inbox: z.record(z.string(), z.number()),
  /** Deliveries per status. */
  deliveries: z.record(z.string(), z.number()),
});
export const MergedContact = z.object({ contact: ContactView });
export const WebhookList = z.object({ webhooks: z.array(WebhookView) });
/** The signing secret, in this answer only. */
export const WebhookWithSecret = z.object({ webhook: WebhookView, secret: z.string() });
export const Removed = z.object({ id: z.string() });
export type DeliveryList = z.infer<typeof DeliveryList>;
export type DeliveryAnswer = z.infer<typeof DeliveryAnswer>;
export type RetriedAll = z.infer<typeof RetriedAll>;
export type WebhookList = z.infer<typeof WebhookList>;
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;
export type ChannelHealth = z.infer<typeof ChannelHealth>;
/** POST /channels/:id/bot-credentials: the external bot's new secret and token, shown this once. */
export const BotCredentials = z.object({ secret: z.string(), token: z.string() });
export type BotCredentials = z.infer<typeof BotCredentials>;
