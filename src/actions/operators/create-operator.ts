import { randomUUID } from 'node:crypto';
import { hash } from 'argon2';
import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { type OperatorView, presentOperator } from '../../presenters.js';
import type { Role } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export interface CreateOperatorInput {
  email: string;
  name: string;
  password: string | null;
  role: Role;
  limit?: number;
  languages?: string[];
  teamIds?: string[];
}

export async function createOperator(
  ctx: ActionContext,
  input: CreateOperatorInput,
): Promise<OperatorView> {
  authorize(ctx.actor, 'account.configure');
  const email = input.email.trim().toLowerCase();
  // Unique per account only: another account's use of the address is none of
  // this admin's business, and answering 409 for it would reveal it.
  const taken = await ctx.trx
    .selectFrom('operators')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('email', '=', email)
    .executeTakeFirst();
  if (taken)
    throw new AppError('conflict', 'An operator with this e-mail already exists.', 'email');
  const account = await ctx.trx
    .selectFrom('accounts')
    .select('settings')
    .where('id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  const teamIds = input.teamIds ?? [];
  await assertTeamsExist(ctx, teamIds);
  const row = await ctx.trx
    .insertInto('operators')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      email,
      name: input.name.trim(),
      password_hash: input.password ? await hash(input.password) : null,
      role: input.role,
      status: 'offline',
      limit: input.limit ?? account.settings.defaultLimit,
      languages: input.languages ?? [],
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (teamIds.length > 0) {
    await ctx.trx
      .insertInto('team_members')
      .values(
        teamIds.map((team_id) => ({ account_id: ctx.accountId, team_id, operator_id: row.id })),
      )
      .execute();
  }
  const view = presentOperator(row, teamIds);
  ctx.emit(event('operator.updated', null, { operator: view }));
  return view;
}

export async function assertTeamsExist(ctx: ActionContext, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  const found = await ctx.trx
    .selectFrom('teams')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('id', 'in', teamIds)
    .execute();
  if (found.length !== new Set(teamIds).size)
    throw invalid('teamIds', 'Unknown team.', { reason: 'invalid_id' });
}
