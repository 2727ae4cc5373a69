import { randomBytes } from 'node:crypto';
import { notFound } from '../../errors.js';
import { hashToken } from '../../tokens.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

/** Bot tokens name their channel, so the API finds the channel without a scan: sbb.<channel id>.<secret>. */
export const BOT_TOKEN_PREFIX = 'sbb.';

/**
 * New credentials for the channel's external bot (docs/bot.md): the secret
 * Switchboard signs its posts with, and the token the bot calls the API with.
 * Both are in this answer only; the channel keeps the secret and the token's
 * hash, and the old ones stop working at once.
 */
export async function issueBotCredentials(ctx: ActionContext, input: { channelId: string }) {
  authorize(ctx.actor, 'account.configure');
  const channel = await ctx.trx
    .selectFrom('channels')
    .select(['id', 'settings'])
    .where('id', '=', input.channelId)
    .where('account_id', '=', ctx.accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!channel) throw notFound('Channel');
  const secret = randomBytes(32).toString('hex');
  const token = `${BOT_TOKEN_PREFIX}${channel.id}.${randomBytes(24).toString('base64url')}`;
  await ctx.trx
    .updateTable('channels')
    .set({
      settings: JSON.stringify({
        ...channel.settings,
        botSecret: secret,
        botTokenHash: hashToken(token),
      }),
    })
    .where('id', '=', channel.id)
    .execute();
  await ctx.trx
    .insertInto('audit_log')
    .values({
      account_id: ctx.accountId,
      actor_id: ctx.actor.kind === 'operator' ? ctx.actor.id : null,
      action: 'channel.bot_credentials',
      details: JSON.stringify({ channelId: channel.id }),
    })
    .execute();
  return { secret, token };
}
