import type { ActionContext } from '../context.js';

/**
 * A living node's heartbeat: its rows with live connections stay fresh, so the
 * expiry can tell them from the rows of a node that died (see
 * src/domain/routing/presence.ts). Never creates rows — an operator expired
 * meanwhile is not brought back.
 */
export async function refreshPresence(
  ctx: ActionContext,
  input: { node: string; operatorIds: readonly string[] },
) {
  if (input.operatorIds.length === 0) return;
  await ctx.trx
    .updateTable('operator_presence')
    .set({ seen_at: ctx.now })
    .where('account_id', '=', ctx.accountId)
    .where('node', '=', input.node)
    .where('operator_id', 'in', input.operatorIds)
    .where('connections', '>', 0)
    .execute();
}
