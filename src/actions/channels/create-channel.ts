import { randomBytes, randomUUID } from 'node:crypto';
import { prepareChannelSettings } from '../../channels/settings.js';
import { invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentChannel } from '../../presenters.js';
import type { ChannelKind } from '../../store/schema.js';
import { checkBotReferences } from '../bot/check-bot-references.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export interface CreateChannelInput {
  kind: ChannelKind;
  name: string;
  priority: number;
  defaultTeamId?: string | null;
  settings?: Record<string, unknown>;
}

export async function createChannel(ctx: ActionContext, input: CreateChannelInput) {
  authorize(ctx.actor, 'account.configure');
  if (input.defaultTeamId) {
    const team = await ctx.trx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.defaultTeamId)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirst();
    if (!team) throw invalid('defaultTeamId', 'Unknown team.', { reason: 'invalid_id' });
  }
  const settings = prepareChannelSettings(input.kind, input.settings ?? {});
  await checkBotReferences(ctx, settings);
  const row = await ctx.trx
    .insertInto('channels')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      kind: input.kind,
      name: input.name.trim(),
      priority: input.priority,
      default_team_id: input.defaultTeamId ?? null,
      // The public key identifies the channel to anonymous clients (widget embed code).
      public_key: randomBytes(12).toString('base64url'),
      // Per-kind settings checked here (bot token, addresses, HMAC secret), with
      // generated secrets (the Telegram webhook secret_token) filled in.
      settings: JSON.stringify(settings),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const channel = presentChannel(row);
  // Open admin views and the router hear of it like of a change.
  ctx.emit(event('channel.updated', null, { channel }));
  return channel;
}
