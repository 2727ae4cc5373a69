import { notFound } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { can } from '../policy.js';

/**
 * Revoking deletes the token: it is refused (401) from the next request on.
 * Operators revoke their own tokens; admins any of the account's. Returns
 * the token's operator, whose sockets on it the caller closes after commit.
 */
export async function revokeApiToken(ctx: ActionContext, input: { tokenId: string }) {
  let query = ctx.trx
    .deleteFrom('api_tokens')
    .where('id', '=', input.tokenId)
    .where('account_id', '=', ctx.accountId);
  if (!can(ctx.actor, 'account.configure')) {
    if (ctx.actor.kind !== 'operator') throw notFound('API token');
    query = query.where('operator_id', '=', ctx.actor.id);
  }
  const row = await query.returning('operator_id').executeTakeFirst();
  if (!row) throw notFound('API token');
  return { operatorId: row.operator_id };
}
