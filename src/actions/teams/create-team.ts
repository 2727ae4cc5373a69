import { randomUUID } from 'node:crypto';
import type { WorkingHours } from '../../domain/working-hours.js';
import { AppError } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentTeam } from '../../presenters.js';
import type { DistributionMode } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export interface CreateTeamInput {
  name: string;
  mode: DistributionMode;
  languageRouting?: boolean;
  languageTimeoutMs?: number;
  /** Hours of its own (checked by the route's schema); absent or null: the account's. */
  workingHours?: WorkingHours | null;
}

export async function createTeam(ctx: ActionContext, input: CreateTeamInput) {
  authorize(ctx.actor, 'account.configure');
  const row = await ctx.trx
    .insertInto('teams')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      name: input.name.trim(),
      mode: input.mode,
      language_routing: input.languageRouting ?? false,
      language_timeout_ms: input.languageTimeoutMs ?? 60_000,
      working_hours: input.workingHours ? JSON.stringify(input.workingHours) : null,
    })
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw teamNameTaken();
  const team = presentTeam(row);
  ctx.emit(event('team.updated', null, { team }));
  return team;
}

/** Team names are unique per account: creating or renaming onto a taken one. */
export const teamNameTaken = () =>
  new AppError('conflict', 'A team with this name already exists.', 'name');
