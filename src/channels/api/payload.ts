// The API channel's wire format, inbound and outbound (docs/channels.md).
import { z } from 'zod';

export const API_MAX_FILE_BASE64 = 14 * 1024 * 1024;

/**
 * Strict base64 (RFC 4648 §4: the standard alphabet, padded, no spaces or line
 * breaks). Node's decoder skips whatever it does not understand, so anything
 * looser was once stored as a garbage file instead of being refused.
 */
export function isStrictBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}

export const apiInboundSchema = z.object({
  /** The provider's id of this message: a re-sent id is applied once. */
  id: z.string().min(1).max(200),
  contact: z.object({
    /** The person's id at the provider (VK user id, WhatsApp number…); replies go to it. */
    id: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    /** When known, joins the contact who has this e-mail (one contact across channels). */
    email: z.string().email().max(320).optional(),
    /** When known: operators find the contact by its digits (docs/search.md). */
    phone: z
      .string()
      .max(40)
      .regex(/^[\d\s()+.-]*\d[\d\s()+.-]*$/, 'Digits, spaces and + ( ) . - only.')
      .optional(),
  }),
  text: z.string().max(10_000).default(''),
  attachments: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        contentType: z.string().min(3).max(200),
        /** The file itself, base64. */
        data: z
          .string()
          .max(API_MAX_FILE_BASE64)
          .refine(
            isStrictBase64,
            'Not base64: use the standard alphabet with padding, no line breaks.',
          ),
      }),
    )
    .max(10)
    .default([]),
});

export type ApiInbound = z.infer<typeof apiInboundSchema>;

export interface ApiOutbound {
  type: 'message';
  deliveryId: string;
  channelId: string;
  conversationId: string;
  contact: { id: string; name: string | null; email: string | null };
  message: {
    id: string;
    seq: number;
    author: 'operator' | 'bot' | 'contact' | 'system';
    authorName: string | null;
    text: string;
    createdAt: string;
    attachments: { id: string; name: string; contentType: string; size: number; data: string }[];
    /**
     * A bot's buttons (docs/bot.md): show them as the messenger can; the
     * client's answer comes back as a message whose text is the label (or its
     * number in the list).
     */
    buttons?: { id: string; label: string }[];
  };
}
