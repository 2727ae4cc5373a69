import { connectionDropped, type PresenceRow } from '../../domain/routing/index.js';
import type { ActionContext } from '../context.js';
import { lockOperator } from '../load.js';
import { lockOpenConversationsOf, setOperatorStatus } from './set-operator-status.js';

/** Nodes refresh their presence rows three times within this; older live rows are a dead node's. */
export const PRESENCE_STALE_MS = 60_000;

/**
 * Operators whose websockets have all been gone for longer than the account's
 * grace period (or the server's default) go offline, which returns their open conversations to the queue
 * with their original wait (DESIGN §2). A reconnect within the grace keeps
 * everything. Each candidate's row lock is taken before its presence is read
 * again, so a reconnect recorded meanwhile (recordPresence takes the same lock)
 * is seen. Their presence rows are removed: the next connection starts afresh.
 */
export async function expireDroppedOperators(
  ctx: ActionContext,
  input: { defaultGraceMs: number },
): Promise<{ expired: string[] }> {
  const account = await ctx.trx
    .selectFrom('accounts')
    .select('settings')
    .where('id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  const timing = {
    now: ctx.now.getTime(),
    graceMs: account.settings.offlineGraceMs ?? input.defaultGraceMs,
    staleMs: PRESENCE_STALE_MS,
  };
  const candidates = groupByOperator(
    await ctx.trx
      .selectFrom('operator_presence')
      .select(['operator_id', 'connections', 'seen_at'])
      .where('account_id', '=', ctx.accountId)
      .execute(),
  );
  const expired: string[] = [];
  for (const [operatorId, rows] of candidates) {
    if (!connectionDropped(rows, timing)) continue;
    await lockOpenConversationsOf(ctx, operatorId); // lock order: conversations, then operator
    const operator = await lockOperator(ctx, operatorId);
    const fresh = groupByOperator(
      await ctx.trx
        .selectFrom('operator_presence')
        .select(['operator_id', 'connections', 'seen_at'])
        .where('operator_id', '=', operatorId)
        .execute(),
    );
    if (!connectionDropped(fresh.get(operatorId) ?? [], timing)) continue;
    if (operator.status !== 'offline') {
      await setOperatorStatus(ctx, { operatorId, status: 'offline' });
      expired.push(operatorId);
    }
    await ctx.trx.deleteFrom('operator_presence').where('operator_id', '=', operatorId).execute();
  }
  return { expired };
}

function groupByOperator(
  rows: readonly { operator_id: string; connections: number; seen_at: Date | string }[],
): Map<string, PresenceRow[]> {
  const byOperator = new Map<string, PresenceRow[]>();
  for (const r of rows) {
    const list = byOperator.get(r.operator_id) ?? [];
    list.push({ connections: r.connections, seenAt: new Date(r.seen_at).getTime() });
    byOperator.set(r.operator_id, list);
  }
  return byOperator;
}
