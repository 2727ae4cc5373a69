import { AppError } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentOperator } from '../../presenters.js';
import type { Role } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockOperator, operatorTeamIds } from '../load.js';
import { authorize } from '../policy.js';
import { assertTeamsExist } from './create-operator.js';

export interface UpdateOperatorInput {
  operatorId: string;
  name?: string;
  role?: Role;
  limit?: number;
  languages?: string[];
  teamIds?: string[];
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
  const before = await lockOperator(ctx, operatorId);
  if (fields.role && fields.role !== 'admin' && before.role === 'admin') {
    const admins = await ctx.trx
      .selectFrom('operators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', ctx.accountId)
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    if (Number(admins.n) <= 1)
      throw new AppError('conflict', 'The account needs at least one admin.', 'role');
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
  return view;
}
