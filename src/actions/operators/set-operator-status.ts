import { event } from '../../events/catalog.js';
import { presentConversation, presentOperator } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import type { OperatorStatus } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockOperator, operatorTeamIds } from '../load.js';
import { authorize } from '../policy.js';

export interface SetOperatorStatusInput {
  operatorId: string;
  status: OperatorStatus;
}

/**
 * Locks an operator's open conversations. Lock order is conversation rows
 * before the operator row, as close, take and the router do: taking the
 * operator first deadlocked against a close of one of their conversations
 * (found by test/routing/race.test.ts). Call it before lockOperator.
 */
export async function lockOpenConversationsOf(ctx: ActionContext, operatorId: string) {
  await ctx.trx
    .selectFrom('conversations')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('operator_id', '=', operatorId)
    .where('state', '=', 'assigned')
    .forUpdate()
    .execute();
}

/**
 * Operators change their own status; supervisors and admins change anyone's.
 * Going offline gives every open conversation back to the queue with its
 * original queued_at, so it keeps its place in line (DESIGN §2).
 */
export async function setOperatorStatus(ctx: ActionContext, input: SetOperatorStatusInput) {
  const self = ctx.actor.kind === 'operator' && ctx.actor.id === input.operatorId;
  if (!self) authorize(ctx.actor, 'operator.manage');
  if (input.status === 'offline') await lockOpenConversationsOf(ctx, input.operatorId);
  const before = await lockOperator(ctx, input.operatorId);
  let requeued = 0;
  if (input.status === 'offline' && before.open_count > 0) {
    const conversations = await ctx.trx
      .updateTable('conversations')
      .set({ state: 'queued', operator_id: null, assigned_at: null })
      .where('operator_id', '=', input.operatorId)
      .where('state', '=', 'assigned')
      .returningAll()
      .returning(contactName)
      .execute();
    requeued = conversations.length;
    for (const c of conversations) {
      ctx.emit(
        event('conversation.queued', c.id, {
          conversation: presentConversation(c),
          position: null,
        }),
      );
    }
  }
  const row = await ctx.trx
    .updateTable('operators')
    .set({
      status: input.status,
      ...(input.status === 'offline' ? { open_count: 0 } : {}),
    })
    .where('id', '=', input.operatorId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const view = presentOperator(row, await operatorTeamIds(ctx, row.id));
  if (before.status !== row.status || requeued > 0) {
    ctx.emit(event('operator.updated', null, { operator: view }));
  }
  return { operator: view, requeued };
}
