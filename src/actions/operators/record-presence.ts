import type { ActionContext } from '../context.js';
import { lockOperator } from '../load.js';

export interface RecordPresenceInput {
  /** The node holding the websockets (its bus node id). */
  node: string;
  operatorId: string;
  /** The operator's live websocket connections on that node now. */
  connections: number;
}

/**
 * A node reports how many websockets an operator has on it, after each connect
 * and disconnect. Takes the operator row lock, the same one that expiring a
 * dropped operator takes, so a reconnect and an expiry are ordered: either the
 * expiry sees the new connection, or the operator was already offline.
 */
export async function recordPresence(ctx: ActionContext, input: RecordPresenceInput) {
  await lockOperator(ctx, input.operatorId);
  await ctx.trx
    .insertInto('operator_presence')
    .values({
      operator_id: input.operatorId,
      node: input.node,
      account_id: ctx.accountId,
      connections: input.connections,
      seen_at: ctx.now,
    })
    .onConflict((oc) =>
      oc.columns(['operator_id', 'node']).doUpdateSet({
        connections: input.connections,
        seen_at: ctx.now,
      }),
    )
    .execute();
}
