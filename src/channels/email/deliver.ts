// An operator reply as an e-mail through the channel's SMTP server
// (nodemailer). The Message-ID is derived from the delivery id, so a retry
// after an unclear failure sends the same message again rather than a new one
// and receivers that de-duplicate by Message-ID show it once. In-Reply-To and
// References (RFC 5322 §3.6.4) and the [#token] subject thread the client's
// answer back; X-Loop lets us recognise our own mail if it ever returns.
import nodemailer from 'nodemailer';
import { OutboundAddressError } from '../outbound-address.js';
import {
  type AdapterContext,
  ChannelError,
  type DeliveryReceipt,
  type OutboundMessage,
} from '../types.js';
import { plusAddress, replySubject } from './reply-token.js';
import { mailServerAddress } from './server-address.js';
import { addressDomain, type EmailSettings } from './settings.js';

const MAX_REFERENCES = 20;

export async function deliverEmail(
  out: OutboundMessage,
  settings: EmailSettings,
  ctx: AdapterContext,
): Promise<DeliveryReceipt> {
  if (!settings.smtpHost)
    throw new ChannelError('permanent', 'The channel has no SMTP server (settings.smtpHost).');
  const to = out.recipient.email ?? out.recipient.externalId;
  if (!to.includes('@'))
    throw new ChannelError('permanent', `No e-mail address to reply to: ${to}`);
  const messageId = `${out.deliveryId}@${addressDomain(settings.address)}`;
  const refs = out.thread.messageIds.slice(-MAX_REFERENCES).map((id) => `<${id}>`);
  const transport = nodemailer.createTransport({
    ...(await mailServerAddress(settings.smtpHost, ctx.outbound)),
    port: settings.smtpPort,
    secure: settings.smtpSecure,
    ...(settings.smtpUser
      ? { auth: { user: settings.smtpUser, pass: settings.smtpPassword ?? '' } }
      : {}),
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
  });
  try {
    await transport.sendMail({
      from: { name: settings.fromName ?? out.channel.name, address: settings.address },
      to: { name: out.recipient.name ?? '', address: to },
      ...(settings.plusAddressing
        ? { replyTo: plusAddress(settings.address, out.thread.token) }
        : {}),
      subject: replySubject(out.thread.subject, out.thread.token),
      text: withNumberedChoices(out.message.text, out.message.buttons),
      messageId: `<${messageId}>`,
      ...(refs.length > 0 ? { inReplyTo: refs[refs.length - 1]!, references: refs } : {}),
      attachments: out.files.map((f) => ({
        filename: f.attachment.name,
        content: f.data,
        contentType: f.attachment.contentType,
      })),
      headers: {
        'X-Loop': settings.address,
        'X-Switchboard-Delivery': out.deliveryId,
        // RFC 3834 §5: a bot's answer or a notice is an automatic response; an operator's is not.
        ...(out.message.author !== 'operator' ? { 'Auto-Submitted': 'auto-replied' } : {}),
      },
    });
  } finally {
    transport.close();
  }
  return { externalId: messageId };
}

/**
 * SMTP replies (RFC 5321 §4.2.1): 4yz is transient, 5yz permanent; a refused
 * login means the credentials were revoked; connection failures are temporary.
 */
export function classifySmtpError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error instanceof OutboundAddressError) return new ChannelError('permanent', error.message);
  const e = error as { code?: string; responseCode?: number; message?: string };
  const message = e.message ?? String(error);
  if (e.code === 'EAUTH' || e.responseCode === 535)
    return new ChannelError('auth_revoked', message);
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500) return new ChannelError('permanent', message);
    if (e.responseCode >= 400) return new ChannelError('temporary', message);
  }
  return new ChannelError('temporary', message);
}

/**
 * A bot's buttons in a mail: a numbered list under the text, which the client
 * answers by writing the number back (the bot reads "2" as the second one).
 */
export function withNumberedChoices(
  text: string,
  buttons: readonly { label: string }[] | undefined,
): string {
  if (!buttons || buttons.length === 0) return text;
  return `${text}\n\n${buttons.map((b, i) => `${i + 1}. ${b.label}`).join('\n')}`;
}
