import { z } from 'zod';

// Flat keys: presenters strip `smtpPassword` and `imapPassword` from every response.
export const emailSettingsSchema = z.object({
  /** The channel's address: From of replies, and the recipient the SMTP receiver accepts. */
  address: z
    .string()
    .email()
    .transform((a) => a.toLowerCase()),
  fromName: z.string().max(200).optional(),
  /**
   * Put the reply token in the Reply-To as support+<token>@domain. Only when the
   * mailbox accepts plus-addresses; the token in the subject always works.
   */
  plusAddressing: z.boolean().default(false),
  smtpHost: z.string().min(1).optional(),
  smtpPort: z.number().int().min(1).max(65535).default(587),
  /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
  smtpSecure: z.boolean().default(false),
  smtpUser: z.string().optional(),
  smtpPassword: z.string().optional(),
  imapHost: z.string().min(1).optional(),
  imapPort: z.number().int().min(1).max(65535).default(993),
  imapSecure: z.boolean().default(true),
  imapUser: z.string().optional(),
  imapPassword: z.string().optional(),
  imapMailbox: z.string().min(1).default('INBOX'),
});

export type EmailSettings = z.infer<typeof emailSettingsSchema>;

export function addressDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
