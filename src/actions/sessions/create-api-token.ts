import { randomUUID } from 'node:crypto';
import { invalid } from '../../errors.js';
import { hashToken, newSecretToken } from '../../tokens.js';
import type { ActionContext } from '../context.js';

/**
 * API tokens act as the operator who made them; only the hash is stored, and
 * the token itself is returned this once. Without `expiresAt` a token lasts
 * until revoked.
 */
export async function createApiToken(
  ctx: ActionContext,
  input: { name: string; expiresAt?: Date | null },
) {
  if (ctx.actor.kind !== 'operator') throw new Error('API tokens belong to operators');
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && expiresAt <= ctx.now)
    throw invalid('expiresAt', 'Choose a time in the future.', { reason: 'not_in_future' });
  const token = newSecretToken('sbk');
  const id = randomUUID();
  await ctx.trx
    .insertInto('api_tokens')
    .values({
      id,
      account_id: ctx.accountId,
      operator_id: ctx.actor.id,
      name: input.name,
      token_hash: hashToken(token),
      expires_at: expiresAt,
      last_used_at: null,
      created_at: ctx.now,
    })
    .execute();
  return {
    id,
    name: input.name,
    token,
    createdAt: ctx.now.toISOString(),
    expiresAt: expiresAt?.toISOString() ?? null,
  };
}
