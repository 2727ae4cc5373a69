import { invalid, notFound } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentOperator } from '../../presenters.js';
import type { ActionContext } from '../context.js';
import { lockOperators } from '../load.js';
import { authorize } from '../policy.js';

/**
 * A team's members, edited from the team form (the operator form edits the
 * same rows from the other side). Everyone who joins or leaves gets an
 * `operator.updated` with their new teams: the router routes again (a joiner
 * may take waiting conversations) and open apps refresh their queues.
 */
export async function setTeamMembers(
  ctx: ActionContext,
  input: { teamId: string; operatorIds: string[] },
) {
  authorize(ctx.actor, 'account.configure');
  const team = await ctx.trx
    .selectFrom('teams')
    .select('id')
    .where('id', '=', input.teamId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!team) throw notFound('Team');
  const wanted = new Set(input.operatorIds);
  const current = await ctx.trx
    .selectFrom('team_members')
    .select('operator_id')
    .where('team_id', '=', team.id)
    .execute();
  const had = new Set(current.map((r) => r.operator_id));
  const joining = [...wanted].filter((id) => !had.has(id));
  const leaving = [...had].filter((id) => !wanted.has(id));
  const changed = [...joining, ...leaving];
  if (changed.length === 0) return { operatorIds: [...wanted] };
  // Operator rows in id order (docs/architecture.md, lock order), as transfers do.
  await lockOperators(ctx, changed);
  if (joining.length > 0) {
    const found = await ctx.trx
      .selectFrom('operators')
      .select('id')
      .where('account_id', '=', ctx.accountId)
      .where('id', 'in', joining)
      .execute();
    if (found.length !== joining.length) throw invalid('operatorIds', 'Unknown operator.');
    await ctx.trx
      .insertInto('team_members')
      .values(
        joining.map((operator_id) => ({
          account_id: ctx.accountId,
          team_id: team.id,
          operator_id,
        })),
      )
      .execute();
  }
  if (leaving.length > 0)
    await ctx.trx
      .deleteFrom('team_members')
      .where('team_id', '=', team.id)
      .where('operator_id', 'in', leaving)
      .execute();
  const rows = await ctx.trx
    .selectFrom('operators')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('id', 'in', changed)
    .orderBy('id')
    .execute();
  const memberships = await ctx.trx
    .selectFrom('team_members')
    .select(['operator_id', 'team_id'])
    .where('operator_id', 'in', changed)
    .execute();
  for (const row of rows) {
    const teamIds = memberships.filter((m) => m.operator_id === row.id).map((m) => m.team_id);
    ctx.emit(event('operator.updated', null, { operator: presentOperator(row, teamIds) }));
  }
  return { operatorIds: [...wanted] };
}
