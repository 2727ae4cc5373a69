import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const TELEGRAM_API_ROOT = 'https://api.telegram.org';

// Flat keys: presenters strip `botToken` and `secret` from every response.
export const telegramSettingsSchema = z.object({
  /** From @BotFather: "<bot id>:<secret>". */
  botToken: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'a token from @BotFather'),
  /** `webhook` needs PUBLIC_URL reachable by Telegram; `polling` works behind NAT. */
  mode: z.enum(['webhook', 'polling']).default('polling'),
  /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token (1–256 of A-Z a-z 0-9 _ -). */
  secret: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/)
    .optional(),
  /** Telegram's own local Bot API server is a supported deployment. */
  apiRoot: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL')
    .default(TELEGRAM_API_ROOT)
    .transform((u) => u.replace(/\/+$/, '')),
});

export type TelegramSettings = z.infer<typeof telegramSettingsSchema>;

export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret_token of a channel's webhook: the stored one, or — for a channel
 * connected by a settings change that did not store one — derived from the
 * server secret, so every node computes the same value without a write.
 */
export function webhookSecret(
  settings: Record<string, unknown>,
  channelId: string,
  serverSecret: string,
): string {
  if (typeof settings.secret === 'string') return settings.secret;
  return createHmac('sha256', serverSecret)
    .update(`telegram-webhook:${channelId}`)
    .digest('base64url');
}
