import { event } from '../../events/catalog.js';
import type { OperatorStatus } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

/**
 * When a supervisor or admin changes someone else's status or limit, that
 * operator is told who did it (issue 16), so a status they did not choose
 * never looks like a fault. Changes by the operator or the system say nothing.
 */
export async function noticeToOperator(
  ctx: ActionContext,
  operatorId: string,
  change: { status?: OperatorStatus; limit?: number },
): Promise<void> {
  if (ctx.actor.kind !== 'operator' || ctx.actor.id === operatorId) return;
  const by = await ctx.trx
    .selectFrom('operators')
    .select(['id', 'name'])
    .where('id', '=', ctx.actor.id)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  ctx.emit(
    event(
      'operator.notice',
      null,
      { operatorId, by: { id: by.id, name: by.name }, ...change },
      { operatorId, teamId: null },
    ),
  );
}
