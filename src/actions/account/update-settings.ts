import { prepareChannelSettings } from '../../channels/settings.js';
import type { WorkingHours } from '../../domain/working-hours.js';
import { AppError, invalid, isUniqueViolation, notFound } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentAccount, presentChannel, presentTeam } from '../../presenters.js';
import type { AccountSettings, DistributionMode } from '../../store/schema.js';
import { checkBotReferences } from '../bot/check-bot-references.js';
import { shortcutTaken } from '../catalog/create-canned-response.js';
import { categoryNameTaken } from '../catalog/create-category.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { teamNameTaken } from '../teams/create-team.js';

// Admin changes to the account's configuration. Each takes effect at once:
// the router reads settings at every pass, and open operator apps hear
// account.updated, team.updated or channel.updated and apply it. Categories
// and canned responses have no events: the web app refetches them
// periodically and on tab focus (docs/realtime.md).

async function audit(ctx: ActionContext, action: string, details: Record<string, unknown>) {
  await ctx.trx
    .insertInto('audit_log')
    .values({
      account_id: ctx.accountId,
      actor_id: ctx.actor.kind === 'operator' ? ctx.actor.id : null,
      action,
      details: JSON.stringify(details),
    })
    .execute();
}

export async function updateAccount(
  ctx: ActionContext,
  input: { name?: string; settings?: Partial<AccountSettings> },
) {
  authorize(ctx.actor, 'account.configure');
  const current = await ctx.trx
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', ctx.accountId)
    .executeTakeFirstOrThrow();
  const settings = { ...current.settings, ...input.settings };
  if (settings.sla.redMs <= settings.sla.yellowMs)
    throw invalid('settings.sla.redMs', 'Red must come after yellow.', {
      reason: 'red_before_yellow',
    });
  const row = await ctx.trx
    .updateTable('accounts')
    .set({ name: input.name ?? current.name, settings: JSON.stringify(settings) })
    .where('id', '=', ctx.accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'account.update', input);
  const account = presentAccount(row);
  ctx.emit(event('account.updated', null, { account }));
  return account;
}

export async function updateTeam(
  ctx: ActionContext,
  input: {
    teamId: string;
    name?: string;
    mode?: DistributionMode;
    languageRouting?: boolean;
    languageTimeoutMs?: number;
    /** The team's own schedule (checked by the route's schema); null: the account's. */
    workingHours?: WorkingHours | null;
  },
) {
  authorize(ctx.actor, 'account.configure');
  // Trimmed as at creation, so " Billing" is the taken "Billing".
  const name = input.name?.trim();
  if (name === '') throw invalid('name', 'A name is required.', { reason: 'required' });
  const row = await ctx.trx
    .updateTable('teams')
    .set({
      ...(name ? { name } : {}),
      ...(input.mode ? { mode: input.mode } : {}),
      ...(input.languageRouting !== undefined ? { language_routing: input.languageRouting } : {}),
      ...(input.languageTimeoutMs !== undefined
        ? { language_timeout_ms: input.languageTimeoutMs }
        : {}),
      ...(input.workingHours !== undefined
        ? {
            working_hours: input.workingHours === null ? null : JSON.stringify(input.workingHours),
          }
        : {}),
    })
    .where('id', '=', input.teamId)
    .where('account_id', '=', ctx.accountId)
    .returningAll()
    .executeTakeFirst()
    .catch((error: unknown) => {
      // The account's unique index on names decides, also between two racing renames.
      throw isUniqueViolation(error) ? teamNameTaken() : error;
    });
  if (!row) throw notFound('Team');
  await audit(ctx, 'team.update', input);
  const team = presentTeam(row);
  // Also wakes the router: a team switched away from manual can now be assigned.
  ctx.emit(event('team.updated', null, { team }));
  return team;
}

export async function updateChannel(
  ctx: ActionContext,
  input: {
    channelId: string;
    name?: string;
    priority?: number;
    defaultTeamId?: string | null;
    settings?: Record<string, unknown>;
  },
) {
  authorize(ctx.actor, 'account.configure');
  const current = await ctx.trx
    .selectFrom('channels')
    .selectAll()
    .where('id', '=', input.channelId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!current) throw notFound('Channel');
  if (input.defaultTeamId) {
    const team = await ctx.trx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.defaultTeamId)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirst();
    if (!team) throw invalid('defaultTeamId', 'Unknown team.', { reason: 'invalid_id' });
  }
  const settings = prepareChannelSettings(current.kind, { ...current.settings, ...input.settings });
  await checkBotReferences(ctx, settings);
  const row = await ctx.trx
    .updateTable('channels')
    .set({
      name: input.name ?? current.name,
      priority: input.priority ?? current.priority,
      default_team_id:
        input.defaultTeamId === undefined ? current.default_team_id : input.defaultTeamId,
      // Checked per kind as at creation (bot token, addresses, HMAC secret, SLA
      // thresholds). The change is merged over what is stored: the admin app
      // never sees secrets, so it cannot send them back.
      settings: JSON.stringify(settings),
    })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'channel.update', { channelId: row.id, fields: Object.keys(input) });
  const channel = presentChannel(row);
  ctx.emit(event('channel.updated', null, { channel }));
  return channel;
}

/** Renames keep closed conversations' categories (and the reports) under the new name. */
export async function renameCategory(
  ctx: ActionContext,
  input: { categoryId: string; name: string },
) {
  authorize(ctx.actor, 'account.configure');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'A name is required.', { reason: 'required' });
  const row = await ctx.trx
    .updateTable('categories')
    .set({ name })
    .where('id', '=', input.categoryId)
    .where('account_id', '=', ctx.accountId)
    .returning(['id', 'name'])
    .executeTakeFirst()
    .catch((error: unknown) => {
      // The account's unique index on names decides, also between two racing renames.
      throw isUniqueViolation(error) ? categoryNameTaken() : error;
    });
  if (!row) throw notFound('Category');
  await audit(ctx, 'category.rename', { categoryId: row.id, name });
  return row;
}

export async function deleteCategory(ctx: ActionContext, input: { categoryId: string }) {
  authorize(ctx.actor, 'account.configure');
  // Scoped to the account, so another account's category — used or not — is not found.
  const used = await ctx.trx
    .selectFrom('conversations')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('category_id', '=', input.categoryId)
    .limit(1)
    .executeTakeFirst();
  if (used)
    throw new AppError(
      'conflict',
      'Conversations use this category; rename it instead.',
      'categoryId',
    );
  const res = await ctx.trx
    .deleteFrom('categories')
    .where('id', '=', input.categoryId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('Category');
  return { ok: true };
}

export async function updateCannedResponse(
  ctx: ActionContext,
  input: { id: string; shortcut?: string; text?: string },
) {
  authorize(ctx.actor, 'account.configure');
  const row = await ctx.trx
    .updateTable('canned_responses')
    .set({
      ...(input.shortcut ? { shortcut: input.shortcut.trim().replace(/^\//, '') } : {}),
      ...(input.text ? { text: input.text } : {}),
    })
    .where('id', '=', input.id)
    .where('account_id', '=', ctx.accountId)
    .returning(['id', 'shortcut', 'text'])
    .executeTakeFirst()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? shortcutTaken() : error;
    });
  if (!row) throw notFound('Canned response');
  return row;
}

export async function deleteCannedResponse(ctx: ActionContext, input: { id: string }) {
  authorize(ctx.actor, 'account.configure');
  const res = await ctx.trx
    .deleteFrom('canned_responses')
    .where('id', '=', input.id)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('Canned response');
  return { ok: true };
}
