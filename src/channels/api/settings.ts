import { z } from 'zod';

// Flat keys: presenters strip `hmacSecret` from every response.
export const apiSettingsSchema = z.object({
  /** Shared with the provider; signs both directions. Chosen by the admin, never shown back. */
  hmacSecret: z.string().min(32, 'at least 32 characters'),
  /** Where operator messages are POSTed; without it the channel is inbound-only. */
  outboundUrl: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL')
    .optional(),
});

export type ApiSettings = z.infer<typeof apiSettingsSchema>;
