import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { MessageView } from '../../presenters.js';
import { latestEventId } from '../../store/queries/events.js';
import type { AuthorKind } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { deliveryEvent } from './delivery-event.js';

/** The outbound queueing's name in event_cursors. */
export const OUTBOUND_CONSUMER = 'outbound';

/**
 * What goes out to the client on Telegram, e-mail and the API channel: what a
 * widget client would see in the conversation — operator replies, bot
 * messages and system notices ("all operators are offline"). Only the
 * client's own messages stay in. Automatic ones are marked as such on the way
 * out (e-mail: Auto-Submitted, RFC 3834), so the client's auto-responder
 * stays quiet.
 */
export function isDeliverable(author: AuthorKind): boolean {
  return author !== 'contact';
}

/**
 * Turns committed `message.created` events of the account into deliveries.
 * The outbox is the durable hand-over: the event commits with the message, and
 * the cursor advances in the same transaction as the deliveries it produced,
 * so nothing is lost between the two and a replayed batch is a no-op (one
 * delivery per message, by unique key). Event ids of an account become visible
 * in increasing order (the outbox's advisory lock), so the cursor never skips
 * an event that commits late. docs/channels.md explains why this tails the
 * outbox rather than writing inside the send path.
 */
export async function queueOutboundDeliveries(
  ctx: ActionContext,
  input: { batch: number },
): Promise<{ queued: number; more: boolean }> {
  const cursor = await lockCursor(ctx);
  if (cursor === null) return { queued: 0, more: false };
  const events = await ctx.trx
    .selectFrom('events')
    .select(['id', 'type'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '>', sql<string>`${cursor}`)
    .orderBy('id')
    .limit(input.batch)
    .execute();
  if (events.length === 0) return { queued: 0, more: false };
  const messageEventIds = events.filter((e) => e.type === 'message.created').map((e) => e.id);
  let queued = 0;
  if (messageEventIds.length > 0) {
    const rows = await ctx.trx
      .selectFrom('events as e')
      .innerJoin('conversations as c', 'c.id', 'e.conversation_id')
      .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
      .select(['e.payload', 'c.channel_id'])
      .where('e.id', 'in', messageEventIds)
      .where('ch.kind', '<>', 'widget')
      .orderBy('e.id')
      .execute();
    for (const row of rows) {
      const message = (row.payload as { message: MessageView }).message;
      if (!isDeliverable(message.author)) continue;
      queued += await queueOne(ctx, row.channel_id, message);
    }
  }
  await ctx.trx
    .updateTable('event_cursors')
    .set({ event_id: Number(events[events.length - 1]!.id) })
    .where('account_id', '=', ctx.accountId)
    .where('consumer', '=', OUTBOUND_CONSUMER)
    .execute();
  return { queued, more: events.length === input.batch };
}

async function queueOne(ctx: ActionContext, channelId: string, message: MessageView) {
  const row = await ctx.trx
    .insertInto('deliveries')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      target: 'channel',
      channel_id: channelId,
      conversation_id: message.conversationId,
      message_id: message.id,
      // Messages of one conversation go out in their sequence order.
      order_key: message.seq,
      status: 'pending',
      next_attempt_at: ctx.now,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .onConflict((oc) => oc.column('message_id').where('message_id', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return 0;
  ctx.emit(await deliveryEvent(ctx, row));
  return 1;
}

/**
 * Locks the account's cursor (SKIP LOCKED: another node is already at it, so
 * null). A missing cursor starts just before the first event that can concern
 * an external channel — nothing older can, and nothing newer is skipped.
 */
async function lockCursor(ctx: ActionContext): Promise<number | null> {
  const existing = await ctx.trx
    .selectFrom('event_cursors')
    .select('event_id')
    .where('account_id', '=', ctx.accountId)
    .where('consumer', '=', OUTBOUND_CONSUMER)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (existing) return Number(existing.event_id);
  const since = await ctx.trx
    .selectFrom('channels')
    .select((eb) => eb.fn.min('created_at').as('at'))
    .where('account_id', '=', ctx.accountId)
    .where('kind', '<>', 'widget')
    .executeTakeFirst();
  if (!since?.at) return null;
  const first = await ctx.trx
    .selectFrom('events')
    .select((eb) => eb.fn.min('id').as('id'))
    .where('account_id', '=', ctx.accountId)
    .where('created_at', '>=', since.at)
    .executeTakeFirst();
  const start =
    first?.id == null ? await latestEventId(ctx.trx, ctx.accountId) : Number(first.id) - 1;
  const inserted = await ctx.trx
    .insertInto('event_cursors')
    .values({ account_id: ctx.accountId, consumer: OUTBOUND_CONSUMER, event_id: start })
    .onConflict((oc) => oc.columns(['account_id', 'consumer']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  // Another node created it first: it works on this account now.
  return inserted ? start : null;
}
