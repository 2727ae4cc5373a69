// One raw e-mail (RFC 5322 with MIME) as a Switchboard message. mailparser
// decodes MIME parts and RFC 2047 encoded words (Cyrillic subjects and names
// in UTF-8 or KOI8-R); the rest — loop and bounce rules, quoted history, HTML
// to text, threading ids — is ours. The original message is kept as an
// attachment, so nothing trimmed or sanitised is lost.
import { createHash } from 'node:crypto';
import { type AddressObject, simpleParser } from 'mailparser';
import type { InboundFile } from '../../actions/channels/store-channel-files.js';
import type { Normalized } from '../types.js';
import { classifyAutomatic } from './automatic.js';
import { header, messageIdList, normalizeMessageId, parseHeaderBlock } from './headers.js';
import { htmlToText } from './html.js';
import { trimQuotedHistory } from './quotes.js';
import { findReplyToken } from './reply-token.js';
import type { EmailSettings } from './settings.js';

export interface Envelope {
  /** MAIL FROM; "" is the null reverse-path of a bounce. */
  mailFrom: string | null;
  rcptTo: string[];
}

/** The inbox key of a raw message: its Message-ID, or a hash when it has none. */
export function emailExternalId(raw: Buffer): string {
  const id = normalizeMessageId(header(parseHeaderBlock(raw), 'message-id'));
  return id ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

export async function normalizeEmail(
  raw: Buffer,
  envelope: Envelope | null,
  settings: Pick<EmailSettings, 'address'>,
): Promise<Normalized> {
  const headers = parseHeaderBlock(raw);
  const automatic = classifyAutomatic(headers, {
    channelAddress: settings.address,
    envelopeFrom: envelope?.mailFrom,
  });
  if (automatic?.kind === 'bounce')
    return { kind: 'bounce', reason: automatic.reason, messageIds: bouncedIds(raw, headers) };
  if (automatic) return { kind: 'ignore', reason: automatic.reason };

  const mail = await simpleParser(raw, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  const from = mail.from?.value[0];
  if (!from?.address) return { kind: 'ignore', reason: 'no From address' };
  const address = from.address.toLowerCase();
  const references = [
    ...messageIdList(mail.references ?? null),
    ...messageIdList(mail.inReplyTo ?? null),
  ];
  const body = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
  const trimmed = trimQuotedHistory(body);
  const subject = mail.subject?.trim() || null;
  const recipients = [
    ...addresses(mail.to),
    ...addresses(mail.cc),
    ...(headers.get('delivered-to') ?? []),
    ...(envelope?.rcptTo ?? []),
  ];
  const token = findReplyToken(recipients, subject, settings.address);
  // A fresh mail (not a reply) starts a topic: the operator needs its subject.
  const isReply = references.length > 0 || token !== null;
  const text = !isReply && subject ? `${subject}\n\n${trimmed}` : trimmed;
  const files: InboundFile[] = mail.attachments
    .filter((a) => !/^message\/(delivery-status|disposition-notification)/.test(a.contentType))
    .map((a, i) => ({
      name: a.filename ?? `attachment-${i + 1}`,
      contentType: a.contentType,
      data: a.content,
    }));
  files.push({ name: 'original.eml', contentType: 'message/rfc822', data: raw });
  return {
    kind: 'message',
    message: {
      externalId: normalizeMessageId(mail.messageId) ?? emailExternalId(raw),
      contact: { externalId: address, name: from.name?.trim() || null, email: address },
      text: text.trim() || (mail.attachments.length > 0 ? '' : '[empty e-mail]'),
      files,
      thread: { token, references: [...new Set(references)], subject },
    },
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((o) => o.value.flatMap((v) => (v.address ? [v.address.toLowerCase()] : [])));
}

/**
 * Which of our messages bounced: a DSN carries the original's headers (a
 * message/rfc822 or text/rfc822-headers part, RFC 3464 §2), so every
 * Message-ID in the body other than the bounce's own may be ours; the
 * recordBounce action only touches ids that match a delivery.
 */
function bouncedIds(raw: Buffer, headers: ReturnType<typeof parseHeaderBlock>): string[] {
  const own = normalizeMessageId(header(headers, 'message-id'));
  const text = raw.toString('latin1');
  const found = [
    ...text.matchAll(/^(?:Message-ID|In-Reply-To|References):[ \t]*((?:<[^>\r\n]+>[ \t]*)+)/gim),
  ].flatMap((m) => messageIdList(m[1]!));
  return [...new Set(found)].filter((id) => id !== own);
}
