import { hash } from 'argon2';
import type { Kysely } from 'kysely';
import { AppError } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentOperator } from '../../presenters.js';
import type { Database } from '../../store/schema.js';
import { hashToken } from '../../tokens.js';
import type { ActionContext } from '../context.js';
import { lockOperator, operatorTeamIds } from '../load.js';

const invalidLink = () => new AppError('password_link_invalid', undefined, 'token');

/**
 * Whose link a token is, before there is an account scope (like log-in). An
 * unknown, expired or used token, or one of a deactivated operator, is the
 * same `password_link_invalid`.
 */
export async function findPasswordLink(db: Kysely<Database>, token: string, now: Date) {
  const link = await db
    .selectFrom('password_links as l')
    .innerJoin('operators as o', 'o.id', 'l.operator_id')
    .select(['l.account_id', 'l.operator_id', 'l.purpose', 'l.expires_at', 'o.email', 'o.name'])
    .where('l.token_hash', '=', hashToken(token))
    .where('o.active', '=', true)
    .executeTakeFirst();
  if (!link || new Date(link.expires_at) <= now) throw invalidLink();
  return link;
}

/**
 * Sets the password a link was issued for, once: the link is deleted in the
 * same transaction, conditionally, so of two concurrent uses one wins and the
 * other finds nothing. The operator's other sessions end (a reset is what
 * people do when someone else may know the old password); the caller closes
 * their websockets after commit. Runs as the system in the link's account.
 */
export async function usePasswordLink(
  ctx: ActionContext,
  input: { token: string; password: string },
) {
  const link = await findPasswordLink(ctx.trx, input.token, ctx.now);
  // Operator row first, then the link row: the global lock order.
  const before = await lockOperator(ctx, link.operator_id);
  const used = await ctx.trx
    .deleteFrom('password_links')
    .where('token_hash', '=', hashToken(input.token))
    .where('expires_at', '>', ctx.now)
    .returning('operator_id')
    .executeTakeFirst();
  if (!used || !before.active) throw invalidLink();
  const row = await ctx.trx
    .updateTable('operators')
    .set({ password_hash: await hash(input.password) })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.trx.deleteFrom('password_links').where('operator_id', '=', row.id).execute();
  await ctx.trx.deleteFrom('sessions').where('operator_id', '=', row.id).execute();
  const view = presentOperator(row, await operatorTeamIds(ctx, row.id));
  // An invited operator becomes a member who can log in: admins' lists show it.
  if (before.password_hash === null) ctx.emit(event('operator.updated', null, { operator: view }));
  return { operator: view, accountId: ctx.accountId };
}
