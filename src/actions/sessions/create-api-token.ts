import { randomUUID } from 'node:crypto';
import { hashToken, newSecretToken } from '../../tokens.js';
import type { ActionContext } from '../context.js';

/** API tokens act as the operator who made them; only the hash is stored. */
export async function createApiToken(ctx: ActionContext, input: { name: string }) {
  if (ctx.actor.kind !== 'operator') throw new Error('API tokens belong to operators');
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
    })
    .execute();
  return { id, name: input.name, token };
}
