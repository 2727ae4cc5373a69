import { cleanJson } from '../../domain/text.js';
import type { ActionContext } from '../context.js';

export interface InboxItem {
  /** Unique per channel: Telegram `update:<update_id>`, an e-mail's Message-ID. */
  externalId: string;
  /** Items of one thread (a Telegram chat, a sender) are processed one at a time, in order. */
  threadKey: string;
  /** The provider's order (Telegram update_id); arrival order when absent. */
  orderKey?: number;
  payload?: Record<string, unknown>;
  raw?: Buffer;
}

/**
 * Stores inbound items before the sender is answered (DESIGN §8: acknowledged
 * only after commit), so an update Telegram considers delivered or mail an MTA
 * handed over cannot be lost. A re-sent item (same external id on the same
 * channel) is applied once: the unique key turns it into a no-op.
 */
export async function enqueueInbound(
  ctx: ActionContext,
  input: { channelId: string; items: InboxItem[] },
): Promise<{ inserted: number; duplicates: number }> {
  let inserted = 0;
  // One by one, in the order given: arrival order is the default order_key.
  for (const item of input.items) {
    const row = await ctx.trx
      .insertInto('channel_inbox')
      .values({
        account_id: ctx.accountId,
        channel_id: input.channelId,
        external_id: item.externalId,
        thread_key: item.threadKey,
        ...(item.orderKey !== undefined ? { order_key: item.orderKey } : {}),
        // jsonb holds neither NUL nor lone surrogates: cleaned, never refused (the sender was answered).
        payload: item.payload ? JSON.stringify(cleanJson(item.payload)) : null,
        raw: item.raw ?? null,
        next_attempt_at: ctx.now,
        received_at: ctx.now,
      })
      .onConflict((oc) => oc.columns(['channel_id', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) inserted += 1;
  }
  return { inserted, duplicates: input.items.length - inserted };
}
