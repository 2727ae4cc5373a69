// Mail no person wrote, which must never be answered (a reply to an
// auto-reply or a bounce is how mail loops start):
// - RFC 3834 §5: Auto-Submitted other than "no" marks auto-replies and
//   auto-generated mail; Precedence bulk/junk/auto_reply and the vendor
//   headers X-Autoreply, X-Autorespond, X-Auto-Response-Suppress: All/OOF
//   (Exchange) mark the rest. Precedence: list is kept: support inboxes behind
//   a group address carry it on every customer's mail.
// - RFC 3464: a delivery status notification is multipart/report with
//   report-type=delivery-status; RFC 5321 §4.5.5: notifications are sent with a
//   null reverse-path (MAIL FROM:<>), and MAILER-DAEMON / postmaster send them.
// - Our own mail coming back (X-Loop with our address, or From our address).
import { firstAddress, type HeaderMap, header } from './headers.js';

export type Automatic =
  | { kind: 'bounce'; reason: string }
  | { kind: 'auto_reply'; reason: string }
  | { kind: 'loop'; reason: string };

export function classifyAutomatic(
  headers: HeaderMap,
  context: { channelAddress: string; envelopeFrom: string | null | undefined },
): Automatic | null {
  const from = firstAddress(header(headers, 'from'));
  const loops = headers.get('x-loop') ?? [];
  if (loops.some((v) => v.toLowerCase().includes(context.channelAddress)))
    return { kind: 'loop', reason: 'X-Loop names this channel: our own mail came back' };
  if (from === context.channelAddress)
    return { kind: 'loop', reason: 'sent from the channel address' };

  const contentType = (header(headers, 'content-type') ?? '').toLowerCase();
  if (/multipart\/report/.test(contentType) && /report-type="?delivery-status/.test(contentType))
    return { kind: 'bounce', reason: 'delivery status notification (RFC 3464)' };
  if (context.envelopeFrom === '' || header(headers, 'return-path')?.trim() === '<>')
    return { kind: 'bounce', reason: 'null reverse-path (RFC 5321 §4.5.5)' };
  if (from && /^(mailer-daemon|postmaster)@/.test(from))
    return { kind: 'bounce', reason: `sent by ${from}` };

  const autoSubmitted = header(headers, 'auto-submitted')?.toLowerCase().split(';')[0]?.trim();
  if (autoSubmitted && autoSubmitted !== 'no')
    return { kind: 'auto_reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  const precedence = header(headers, 'precedence')?.toLowerCase().trim();
  if (precedence && ['bulk', 'junk', 'auto_reply'].includes(precedence))
    return { kind: 'auto_reply', reason: `Precedence: ${precedence}` };
  for (const name of ['x-autoreply', 'x-autorespond']) {
    if (headers.has(name)) return { kind: 'auto_reply', reason: `${name} present` };
  }
  // Exchange marks its own automatic mail this way; plain Outlook mail has no "All"/"OOF".
  const suppress = header(headers, 'x-auto-response-suppress') ?? '';
  if (/\b(all|oof)\b/i.test(suppress))
    return { kind: 'auto_reply', reason: `X-Auto-Response-Suppress: ${suppress}` };
  return null;
}
