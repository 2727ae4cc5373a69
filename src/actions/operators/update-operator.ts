import { AppError } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentOperator } from '../../presenters.js';
import type { Role } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockOperator, operatorTeamIds } from '../load.js';
import { authorize } from '../policy.js';
import { assertTeamsExist } from './create-operator.js';
import { noticeToOperator } from './operator-notice.js';
import { lockOpenConversationsOf, setOperatorStatus } from './set-operator-status.js';

export interface UpdateOperatorInput {
  operatorId: string;
  name?: string;
  role?: Role;
  limit?: number;
  languages?: string[];
  teamIds?: string[];
  /** false deactivates: offline (conversations back to the queue), sessions ended. */
  active?: boolean;
}

/**
 * Limit changes need a supervisor; role, languages and teams need an admin.
 * A lowered limit never takes conversations away: the operator simply gets no
 * new ones until below it.
 */
export async function updateOperator(ctx: ActionContext, input: UpdateOperatorInput) {
  const { operatorId, teamIds, ...fields } = input;
  authorize(
    ctx.actor,
    fields.limit !== undefined && Object.keys(fields).length === 1 && !teamIds
      ? 'operator.manage'
      : 'account.configure',
  );
  const deactivating = fields.active === false;
  if (deactivating && ctx.actor.kind === 'operator' && ctx.actor.id === operatorId)
    throw new AppError('conflict', 'You cannot deactivate yourself.', 'active');
  // Conversation rows before the operator row (set-operator-status.ts says why).
  if (deactivating) await lockOpenConversationsOf(ctx, operatorId);
  let before = await lockOperator(ctx, operatorId);
  const losesAdmin =
    before.role === 'admin' && ((fields.role && fields.role !== 'admin') || deactivating);
  if (losesAdmin) {
    const admins = await ctx.trx
      .selectFrom('operators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', ctx.accountId)
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    if (Number(admins.n) <= 1)
      throw new AppError(
        'conflict',
        'The account needs at least one admin.',
        deactivating ? 'active' : 'role',
      );
  }
  if (deactivating && before.active) {
    if (before.status !== 'offline')
      await setOperatorStatus(ctx, { operatorId, status: 'offline', notify: false });
    await ctx.trx.deleteFrom('sessions').where('operator_id', '=', operatorId).execute();
    // A link sent before must not work again after a reactivation.
    await ctx.trx.deleteFrom('password_links').where('operator_id', '=', operatorId).execute();
    before = await lockOperator(ctx, operatorId);
  }
  if (teamIds) await assertTeamsExist(ctx, teamIds);
  const row =
    Object.keys(fields).length > 0
      ? await ctx.trx
          .updateTable('operators')
          .set(fields)
          .where('id', '=', operatorId)
          .returningAll()
          .executeTakeFirstOrThrow()
      : before;
  if (teamIds) {
    await ctx.trx.deleteFrom('team_members').where('operator_id', '=', operatorId).execute();
    if (teamIds.length > 0) {
      await ctx.trx
        .insertInto('team_members')
        .values(
          teamIds.map((team_id) => ({
            account_id: ctx.accountId,
            team_id,
            operator_id: operatorId,
          })),
        )
        .execute();
    }
  }
  const view = presentOperator(row, teamIds ?? (await operatorTeamIds(ctx, operatorId)));
  ctx.emit(event('operator.updated', null, { operator: view }));
  if (fields.limit !== undefined && fields.limit !== before.limit && row.active)
    await noticeToOperator(ctx, operatorId, { limit: row.limit });
  return view;
}
