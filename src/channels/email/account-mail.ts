// Mail the account itself sends to its people (invitations, password links),
// through the outgoing SMTP settings of its e-mail channel — the only mail
// server an admin configures. No channel with an SMTP server: nothing is sent
// and the caller shows the link instead.
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../../store/schema.js';
import type { OutboundPolicy } from '../outbound-address.js';
import { mailServerAddress } from './server-address.js';
import { type EmailSettings, emailSettingsSchema } from './settings.js';

export type AccountMailer = EmailSettings & { smtpHost: string; channelName: string };

/** The oldest e-mail channel of the account with an SMTP server, or null. */
export async function accountMailer(
  db: Kysely<Database>,
  accountId: string,
): Promise<AccountMailer | null> {
  const channels = await db
    .selectFrom('channels')
    .select(['name', 'settings'])
    .where('account_id', '=', accountId)
    .where('kind', '=', 'email')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const c of channels) {
    const parsed = emailSettingsSchema.safeParse(c.settings);
    if (parsed.success && parsed.data.smtpHost)
      return { ...parsed.data, smtpHost: parsed.data.smtpHost, channelName: c.name };
  }
  return null;
}

export async function sendAccountMail(
  mailer: AccountMailer,
  policy: OutboundPolicy,
  mail: { to: string; toName: string; subject: string; text: string; fromName: string },
  timeoutMs = 15_000,
): Promise<void> {
  const transport = nodemailer.createTransport({
    ...(await mailServerAddress(mailer.smtpHost, policy)),
    port: mailer.smtpPort,
    secure: mailer.smtpSecure,
    ...(mailer.smtpUser
      ? { auth: { user: mailer.smtpUser, pass: mailer.smtpPassword ?? '' } }
      : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: { name: mailer.fromName ?? mail.fromName, address: mailer.address },
      to: { name: mail.toName, address: mail.to },
      subject: mail.subject,
      text: mail.text,
      // RFC 3834 §5: sent by the system, not typed by a person; no auto-replies back.
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Loop': mailer.address },
    });
  } finally {
    transport.close();
  }
}
