// Everything an adapter needs to send one operator message, read once per
// attempt: the message, the channel, where replies go (the conversation's
// thread), the contact and the attached files' bytes.
import type { Kysely } from 'kysely';
import { ensureThread } from '../actions/channels/threads.js';
import { perform, type Services } from '../actions/context.js';
import { readStoredFile } from '../store/files.js';
import type { Database, DeliveryRow } from '../store/schema.js';
import { ChannelError, type OutboundFile, type OutboundMessage } from './types.js';

export async function loadOutbound(
  services: Services,
  delivery: DeliveryRow,
  dataDir: string,
): Promise<OutboundMessage> {
  const db: Kysely<Database> = services.db;
  const [channel, message] = await Promise.all([
    db.selectFrom('channels').selectAll().where('id', '=', delivery.channel_id!).executeTakeFirst(),
    db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .leftJoin('operators as o', 'o.id', 'm.author_id')
      .selectAll('m')
      .select(['o.name as author_name', 'c.contact_id'])
      .where('m.id', '=', delivery.message_id!)
      .executeTakeFirst(),
  ]);
  if (!channel || !message)
    throw new ChannelError('permanent', 'The message or its channel is gone.');
  const thread =
    (await db
      .selectFrom('channel_threads')
      .selectAll()
      .where('conversation_id', '=', message.conversation_id)
      .executeTakeFirst()) ??
    (
      await perform(
        services,
        { accountId: delivery.account_id, actor: { kind: 'system' } },
        (ctx) => ensureThread(ctx, { conversationId: message.conversation_id }),
      )
    ).result;
  if (!thread.reply_to)
    throw new ChannelError('permanent', 'The contact has no identity on this channel to reply to.');
  const contact = await db
    .selectFrom('contacts')
    .select(['name', 'email'])
    .where('id', '=', message.contact_id)
    .executeTakeFirst();
  const files: OutboundFile[] = [];
  for (const attachment of message.attachments) {
    const data = await readStoredFile(dataDir, delivery.account_id, attachment.id).catch(() => {
      throw new ChannelError('permanent', `Attachment ${attachment.name} is missing from storage.`);
    });
    files.push({ attachment, data });
  }
  return {
    deliveryId: delivery.id,
    channel,
    conversationId: message.conversation_id,
    message: {
      id: message.id,
      seq: message.seq,
      author: message.author_kind,
      authorName: message.author_name,
      text: message.text,
      createdAt: new Date(message.created_at).toISOString(),
      ...(message.buttons && message.buttons.length > 0 ? { buttons: message.buttons } : {}),
    },
    files,
    recipient: {
      externalId: thread.reply_to,
      name: contact?.name ?? null,
      email: channel.kind === 'email' ? thread.reply_to : (contact?.email ?? null),
    },
    thread: { token: thread.token, subject: thread.subject, messageIds: thread.message_ids },
    partsSent: delivery.parts_sent,
  };
}
