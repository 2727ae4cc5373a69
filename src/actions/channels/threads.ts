// Per-conversation channel state: who replies go to, the reply token, and for
// e-mail the subject and the Message-ID chain (RFC 5322 §3.6.4) that threads a
// reply back into its conversation.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ChannelThreadRow, ConversationRow } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

/** How many Message-IDs a thread remembers; References headers are capped likewise. */
export const MAX_THREAD_IDS = 50;

// Lower-case letters and digits without look-alikes: tokens survive mail
// systems that fold case in local parts and people who retype them.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 12 characters of 32 symbols = 60 random bits: not guessable, short enough for a plus-address. */
export function newReplyToken(): string {
  return [...randomBytes(12)].map((b) => ALPHABET[b % 32]).join('');
}

export const REPLY_TOKEN_PATTERN = /^[a-km-z2-9]{12}$/;

/** The conversation an inbound message continues: by reply token first, then by Message-ID. */
export async function findThreadConversation(
  ctx: ActionContext,
  channelId: string,
  thread: { token: string | null; references: string[] },
): Promise<ConversationRow | null> {
  let row: Pick<ChannelThreadRow, 'conversation_id'> | undefined;
  if (thread.token) {
    row = await ctx.trx
      .selectFrom('channel_threads')
      .select('conversation_id')
      .where('account_id', '=', ctx.accountId)
      .where('channel_id', '=', channelId)
      .where('token', '=', thread.token)
      .executeTakeFirst();
  }
  const refs = thread.references.slice(-MAX_THREAD_IDS);
  if (!row && refs.length > 0) {
    row = await ctx.trx
      .selectFrom('channel_threads as t')
      .innerJoin('conversations as c', 'c.id', 't.conversation_id')
      .select('t.conversation_id')
      .where('t.account_id', '=', ctx.accountId)
      .where('t.channel_id', '=', channelId)
      .where(sql<boolean>`t.message_ids && ${sql.val(refs)}::text[]`)
      .orderBy('c.created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
  if (!row) return null;
  return (
    (await ctx.trx
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', row.conversation_id)
      .executeTakeFirst()) ?? null
  );
}

/** Creates or updates the conversation's thread; returns it. */
export async function recordThread(
  ctx: ActionContext,
  input: {
    conversationId: string;
    channelId: string;
    replyTo: string | null;
    subject: string | null;
    messageIds: string[];
  },
): Promise<ChannelThreadRow> {
  const existing = await ctx.trx
    .selectFrom('channel_threads')
    .selectAll()
    .where('conversation_id', '=', input.conversationId)
    .forUpdate()
    .executeTakeFirst();
  if (!existing) {
    return ctx.trx
      .insertInto('channel_threads')
      .values({
        conversation_id: input.conversationId,
        account_id: ctx.accountId,
        channel_id: input.channelId,
        token: newReplyToken(),
        reply_to: input.replyTo ?? '',
        subject: input.subject,
        message_ids: input.messageIds.slice(-MAX_THREAD_IDS),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const ids = [...existing.message_ids.filter((id) => !input.messageIds.includes(id))];
  return ctx.trx
    .updateTable('channel_threads')
    .set({
      reply_to: input.replyTo ?? existing.reply_to,
      subject: existing.subject ?? input.subject,
      message_ids: [...ids, ...input.messageIds].slice(-MAX_THREAD_IDS),
    })
    .where('conversation_id', '=', input.conversationId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The thread of a conversation that has none yet (one opened before its
 * channel was connected, or by an import): replies go to the contact's
 * identity on the channel.
 */
export async function ensureThread(
  ctx: ActionContext,
  input: { conversationId: string },
): Promise<ChannelThreadRow> {
  const conv = await ctx.trx
    .selectFrom('conversations')
    .select(['id', 'channel_id', 'contact_id'])
    .where('id', '=', input.conversationId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  const identity = await ctx.trx
    .selectFrom('contact_identities')
    .select('external_id')
    .where('contact_id', '=', conv.contact_id)
    .where('channel_id', '=', conv.channel_id)
    .executeTakeFirst();
  return recordThread(ctx, {
    conversationId: conv.id,
    channelId: conv.channel_id,
    replyTo: identity?.external_id ?? null,
    subject: null,
    messageIds: [],
  });
}
