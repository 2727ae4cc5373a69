import { sql } from 'kysely';
import { notFound } from '../../errors.js';
import { inOneMessage } from '../../store/one-message.js';
import type { Database } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockOperatorsStatement } from '../load.js';

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
 * expiry sees the new connection, or the operator was already offline. The
 * lock and the write go as one message (src/store/one-message.ts): sockets
 * drop and come back all day, and a routing pass claiming for this operator
 * waits on the row for as long as it is held.
 */
export async function recordPresence(ctx: ActionContext, input: RecordPresenceInput) {
  const written = await inOneMessage<{ operator_id: string }, Database>(ctx.trx, [
    lockOperatorsStatement(ctx, [input.operatorId]),
    sql`
      INSERT INTO operator_presence (operator_id, node, account_id, connections, seen_at)
      SELECT o.id, ${input.node}, o.account_id, ${input.connections}, ${ctx.now}::timestamptz
      FROM operators o WHERE o.id = ${input.operatorId} AND o.account_id = ${ctx.accountId}
      ON CONFLICT (operator_id, node)
        DO UPDATE SET connections = EXCLUDED.connections, seen_at = EXCLUDED.seen_at
      RETURNING operator_id`,
  ]);
  if (written.length === 0) throw notFound('Operator');
}
