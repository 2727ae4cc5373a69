import { AppError } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation, presentOperator } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import { LockSetChanged } from '../../store/resilience.js';
import type { OperatorStatus } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockOperator, operatorTeamIds } from '../load.js';
import { authorize } from '../policy.js';
import { noticeToOperator } from './operator-notice.js';

export interface SetOperatorStatusInput {
  operatorId: string;
  status: OperatorStatus;
  /** False when the change is part of another the operator learns of otherwise (deactivation). */
  notify?: boolean;
}

/**
 * Locks an operator's open conversations. Lock order is conversation rows
 * before the operator row, as close, take and the router do: taking the
 * operator first deadlocked against a close of one of their conversations
 * (found by test/routing/race.test.ts); in id order, as message batches lock
 * theirs. Call it before lockOperator.
 */
export async function lockOpenConversationsOf(
  ctx: ActionContext,
  operatorId: string,
): Promise<Set<string>> {
  const rows = await ctx.trx
    .selectFrom('conversations')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('operator_id', '=', operatorId)
    .where('state', '=', 'assigned')
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * With the operator row locked, no conversation can be given to them any
 * more; one given between lockOpenConversationsOf and that lock was not
 * locked by us, and locking it now would break the order (operators before
 * conversations): start over instead, which locks it first.
 */
async function assertNoneGivenSince(ctx: ActionContext, operatorId: string, locked: Set<string>) {
  const now = await ctx.trx
    .selectFrom('conversations')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('operator_id', '=', operatorId)
    .where('state', '=', 'assigned')
    .execute();
  if (now.some((r) => !locked.has(r.id))) throw new LockSetChanged();
}

/**
 * Operators change their own status; supervisors and admins change anyone's.
 * Going offline gives every open conversation back to the queue with its
 * original queued_at, so it keeps its place in line (DESIGN §2).
 *
 * A person's choice (the operator's own, or a supervisor's) is remembered as
 * `chosen_status` and restored at the next log-in (restore-status.ts); the
 * system's changes (a dropped connection past its grace period, deactivation)
 * are not choices and leave it alone.
 */
export async function setOperatorStatus(ctx: ActionContext, input: SetOperatorStatusInput) {
  const self = ctx.actor.kind === 'operator' && ctx.actor.id === input.operatorId;
  if (!self) authorize(ctx.actor, 'operator.manage');
  const locked =
    input.status === 'offline' ? await lockOpenConversationsOf(ctx, input.operatorId) : null;
  const before = await lockOperator(ctx, input.operatorId);
  if (!before.active && input.status !== 'offline')
    throw new AppError('conflict', 'The operator is deactivated.', 'status');
  let requeued = 0;
  if (locked) await assertNoneGivenSince(ctx, input.operatorId, locked);
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
      ...(ctx.actor.kind === 'operator' ? { chosen_status: input.status } : {}),
    })
    .where('id', '=', input.operatorId)
    .returningAll()
    .executeTakeFirstOrThrow();
  // The presence history (migration 024): staffing and the what-if replay read it.
  if (before.status !== row.status)
    await ctx.trx
      .insertInto('operator_status_log')
      .values({ account_id: ctx.accountId, operator_id: row.id, status: row.status, at: ctx.now })
      .execute();
  const view = presentOperator(row, await operatorTeamIds(ctx, row.id));
  if (before.status !== row.status || requeued > 0) {
    ctx.emit(event('operator.updated', null, { operator: view }));
  }
  if (before.status !== row.status && input.notify !== false)
    await noticeToOperator(ctx, row.id, { status: row.status });
  return { operator: view, requeued };
}
