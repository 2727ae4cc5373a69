import { cleanText } from '../../domain/text.js';
import type { ActionContext } from '../context.js';
import { receiveContactMessage } from '../messages/receive-contact-message.js';
import { sendMessage } from '../messages/send-message.js';
import { identifyChannelContact } from './identify-channel-contact.js';
import { type InboundFile, storeChannelFiles } from './store-channel-files.js';
import { findThreadConversation, recordThread } from './threads.js';

/** A message from outside, normalised by a channel adapter. */
export interface InboundMessage {
  /** The channel's own id (Telegram chat:message, e-mail Message-ID): duplicates are applied once. */
  externalId: string;
  /** Who wrote: the identity on this channel, which is also where replies go. */
  /** `phone` when the channel knows it (the API channel); searched by its digits. */
  contact: { externalId: string; name: string | null; email: string | null; phone?: string | null };
  text: string;
  files: InboundFile[];
  /** E-mail only: reply token and the Message-IDs this one answers (In-Reply-To, References). */
  thread?: { token: string | null; references: string[]; subject: string | null };
}

export interface IngestInput {
  channelId: string;
  /** The inbox row this came from, marked done in the same transaction; null for direct calls. */
  inboxId: number | null;
  message: InboundMessage;
  dataDir: string;
  maxFileBytes: number;
}

export interface IngestResult {
  duplicate: boolean;
  messageId: string | null;
  conversationId: string | null;
}

/**
 * Records an inbound channel message with the same actions the widget uses.
 * One transaction: files, contact, message, thread and the inbox row's state
 * commit together, so a crash anywhere means the item is simply processed again
 * and the external id makes that second pass a no-op.
 */
export async function ingestInbound(ctx: ActionContext, input: IngestInput): Promise<IngestResult> {
  const { channelId } = input;
  const message = cleanInbound(input.message);
  if (input.inboxId !== null) {
    // Lease expired while a slow node still worked on it: whoever locks first decides.
    const row = await ctx.trx
      .selectFrom('channel_inbox')
      .select('status')
      .where('id', '=', input.inboxId)
      .forUpdate()
      .executeTakeFirst();
    if (row?.status !== 'pending')
      return { duplicate: true, messageId: null, conversationId: null };
  }
  const seen = await ctx.trx
    .selectFrom('messages')
    .select(['id', 'conversation_id'])
    .where('channel_id', '=', channelId)
    .where('external_id', '=', message.externalId)
    .executeTakeFirst();
  if (seen) {
    await markDone(ctx, input.inboxId);
    return { duplicate: true, messageId: seen.id, conversationId: seen.conversation_id };
  }

  const threaded = message.thread
    ? await findThreadConversation(ctx, channelId, message.thread)
    : null;
  // A reply threaded by token from another address (a colleague on Cc) keeps
  // its conversation; the operator sees who actually wrote, and replies still
  // go to the conversation's own contact.
  const stranger = threaded
    ? await isStranger(ctx, channelId, message, threaded.contact_id)
    : false;
  const contactId =
    threaded?.contact_id ??
    (
      await identifyChannelContact(ctx, {
        channelId,
        externalId: message.contact.externalId,
        name: message.contact.name,
        email: message.contact.email,
        phone: message.contact.phone ?? null,
      })
    ).id;
  const asContact: ActionContext = { ...ctx, actor: { kind: 'contact', id: contactId, channelId } };
  const { attachments, skipped } = await storeChannelFiles(asContact, {
    files: message.files,
    dataDir: input.dataDir,
    maxBytes: input.maxFileBytes,
  });
  const text = composeText(message, stranger, skipped);

  const common = { text, attachments, externalId: message.externalId };
  const result =
    threaded && threaded.state !== 'closed'
      ? { ...(await sendMessage(asContact, { ...common, conversationId: threaded.id })) }
      : await receiveContactMessage(asContact, { ...common, channelId, contactId });
  const conversationId = result.message.conversationId;
  await recordThread(ctx, {
    conversationId,
    channelId,
    replyTo: stranger ? null : message.contact.externalId,
    subject: message.thread?.subject ?? null,
    messageIds: message.thread ? [message.externalId] : [],
  });
  await markDone(ctx, input.inboxId);
  return { duplicate: result.duplicate, messageId: result.message.id, conversationId };
}

/**
 * What a channel delivers is kept, not refused: NUL is stripped and lone
 * surrogates become U+FFFD in every text the database will hold.
 */
function cleanInbound(message: InboundMessage): InboundMessage {
  const orNull = (s: string | null) => (s === null ? null : cleanText(s));
  return {
    ...message,
    externalId: cleanText(message.externalId),
    contact: {
      externalId: cleanText(message.contact.externalId),
      name: orNull(message.contact.name),
      email: orNull(message.contact.email),
      phone: orNull(message.contact.phone ?? null),
    },
    text: cleanText(message.text),
    files: message.files.map((f) => ({
      ...f,
      name: cleanText(f.name),
      contentType: cleanText(f.contentType),
    })),
    ...(message.thread
      ? {
          thread: {
            token: orNull(message.thread.token),
            references: message.thread.references.map(cleanText),
            subject: orNull(message.thread.subject),
          },
        }
      : {}),
  };
}

function composeText(message: InboundMessage, stranger: boolean, skipped: string[]): string {
  const lines: string[] = [];
  if (stranger) {
    const who = message.contact.email ?? message.contact.externalId;
    lines.push(message.contact.name ? `[${message.contact.name} <${who}>]` : `[${who}]`);
  }
  if (message.text.trim()) lines.push(message.text.trim());
  for (const name of skipped) lines.push(`[attachment too large, not kept: ${name}]`);
  return lines.join('\n\n');
}

async function isStranger(
  ctx: ActionContext,
  channelId: string,
  message: InboundMessage,
  contactId: string,
): Promise<boolean> {
  const own = await ctx.trx
    .selectFrom('contact_identities')
    .select('contact_id')
    .where('channel_id', '=', channelId)
    .where('external_id', '=', message.contact.externalId)
    .executeTakeFirst();
  return own?.contact_id !== contactId;
}

async function markDone(ctx: ActionContext, inboxId: number | null): Promise<void> {
  if (inboxId === null) return;
  await ctx.trx
    .updateTable('channel_inbox')
    // The raw e-mail is kept as the message's original.eml; the row keeps only its key.
    .set({ status: 'done', processed_at: ctx.now, last_error: null, raw: null })
    .where('id', '=', inboxId)
    .execute();
}
