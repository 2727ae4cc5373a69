// State of the long-lived per-channel workers (Telegram long polling, IMAP
// IDLE): exactly one node runs each, by lease, and keeps its cursor here.
import type { ActionContext } from '../context.js';

/**
 * Takes or renews this node's lease on a channel's worker. A conditional
 * upsert: it succeeds when nobody holds the lease, it expired, or this node
 * already holds it — two nodes polling one bot would make Telegram answer 409.
 */
export async function claimChannelLease(
  ctx: ActionContext,
  input: { channelId: string; node: string; leaseMs: number },
): Promise<boolean> {
  const expires = new Date(ctx.now.getTime() + input.leaseMs);
  const row = await ctx.trx
    .insertInto('channel_workers')
    .values({
      channel_id: input.channelId,
      account_id: ctx.accountId,
      node: input.node,
      lease_expires_at: expires,
      updated_at: ctx.now,
    })
    .onConflict((oc) =>
      oc
        .column('channel_id')
        .doUpdateSet({ node: input.node, lease_expires_at: expires, updated_at: ctx.now })
        .where((eb) =>
          eb.or([
            eb('channel_workers.node', 'is', null),
            eb('channel_workers.node', '=', input.node),
            eb('channel_workers.lease_expires_at', '<', ctx.now),
          ]),
        ),
    )
    .returning('node')
    .executeTakeFirst();
  return row?.node === input.node;
}

/** Gives the lease up at shutdown so another node takes over without waiting it out. */
export async function releaseChannelLease(
  ctx: ActionContext,
  input: { channelId: string; node: string },
): Promise<void> {
  await ctx.trx
    .updateTable('channel_workers')
    .set({ node: null, lease_expires_at: null, updated_at: ctx.now })
    .where('channel_id', '=', input.channelId)
    .where('node', '=', input.node)
    .execute();
}

/** Saves a worker's cursor (IMAP UIDVALIDITY and last UID) — only while holding the lease. */
export async function saveChannelCursor(
  ctx: ActionContext,
  input: { channelId: string; node: string; cursor: Record<string, unknown> },
): Promise<boolean> {
  const row = await ctx.trx
    .updateTable('channel_workers')
    .set({ cursor: JSON.stringify(input.cursor), updated_at: ctx.now })
    .where('channel_id', '=', input.channelId)
    .where('node', '=', input.node)
    .returning('channel_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The last provider error of a channel, shown to admins; null clears it once the channel works again. */
export async function recordChannelError(
  ctx: ActionContext,
  input: { channelId: string; error: string | null },
): Promise<void> {
  const fields = {
    last_error: input.error,
    ...(input.error ? { last_error_at: ctx.now } : {}),
    updated_at: ctx.now,
  };
  await ctx.trx
    .insertInto('channel_workers')
    .values({ channel_id: input.channelId, account_id: ctx.accountId, ...fields })
    .onConflict((oc) => oc.column('channel_id').doUpdateSet(fields))
    .execute();
}
