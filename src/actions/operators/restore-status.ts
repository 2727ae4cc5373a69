import { statusAtLogin } from '../../domain/operator-status.js';
import { getAccount } from '../../store/queries/account.js';
import type { ActionContext } from '../context.js';
import { setOperatorStatus } from './set-operator-status.js';

/** Runs right after a successful log-in, as the operator who logged in (domain/operator-status.ts decides). */
export async function restoreStatusAtLogin(ctx: ActionContext, input: { operatorId: string }) {
  const op = await ctx.trx
    .selectFrom('operators')
    .select(['status', 'chosen_status', 'last_login_at', 'active'])
    .where('id', '=', input.operatorId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  const account = await getAccount(ctx.trx, ctx.accountId);
  const target = statusAtLogin({
    status: op.status,
    chosen: op.chosen_status,
    firstLogin: op.last_login_at === null,
    newOperatorsOnline: account?.settings.newOperatorsOnline ?? false,
  });
  if (target !== op.status && op.active)
    await setOperatorStatus(ctx, { operatorId: input.operatorId, status: target });
  // The row as the log-in answers with it: the status restored, this log-in recorded.
  return ctx.trx
    .updateTable('operators')
    .set({ last_login_at: ctx.now })
    .where('id', '=', input.operatorId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
