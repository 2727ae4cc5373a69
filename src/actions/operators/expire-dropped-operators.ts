import { connectionDropped } from '../../domain/routing/index.js';
import type { ActionContext } from '../context.js';
import { lockOperator } from '../load.js';
import { lockOpenConversationsOf, setOperatorStatus } from './set-operator-status.js';

/**
 * An operator whose websockets have all been gone for longer than the
 * account's grace period (or the server's default) goes offline, which returns
 * their open conversations to the queue with their original wait (DESIGN §2).
 * A reconnect within the grace keeps everything. A node that stopped
 * refreshing its rows for `staleMs` (dead, or cut off from the database or the
 * bus) counts as dropped at its last refresh. One operator per transaction, in
 * the global lock order (docs/architecture.md): their conversations, then the
 * operator row — taken before presence is read again, so a reconnect recorded
 * meanwhile (recordPresence takes the same lock) is seen. Their presence rows
 * are removed: the next connection starts afresh.
 */
export async function expireDroppedOperator(
  ctx: ActionContext,
  input: { operatorId: string; defaultGraceMs: number; staleMs: number },
): Promise<{ expired: boolean }> {
  const { operatorId } = input;
  const account = await ctx.trx
    .selectFrom('accounts')
    .select('settings')
    .where('id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  const timing = {
    now: ctx.now.getTime(),
    graceMs: account.settings.offlineGraceMs ?? input.defaultGraceMs,
    staleMs: input.staleMs,
  };
  const presence = () =>
    ctx.trx
      .selectFrom('operator_presence')
      .select(['connections', 'seen_at'])
      .where('operator_id', '=', operatorId)
      .where('account_id', '=', ctx.accountId)
      .execute()
      .then((rows) =>
        rows.map((r) => ({ connections: r.connections, seenAt: new Date(r.seen_at).getTime() })),
      );
  if (!connectionDropped(await presence(), timing)) return { expired: false };
  await lockOpenConversationsOf(ctx, operatorId); // lock order: conversations, then operator
  const operator = await lockOperator(ctx, operatorId);
  if (!connectionDropped(await presence(), timing)) return { expired: false };
  let expired = false;
  if (operator.status !== 'offline') {
    await setOperatorStatus(ctx, { operatorId, status: 'offline' });
    expired = true;
  }
  await ctx.trx.deleteFrom('operator_presence').where('operator_id', '=', operatorId).execute();
  return { expired };
}
