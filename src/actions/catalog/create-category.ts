import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export async function createCategory(ctx: ActionContext, input: { name: string }) {
  authorize(ctx.actor, 'account.configure');
  const row = await ctx.trx
    .insertInto('categories')
    .values({ id: randomUUID(), account_id: ctx.accountId, name: input.name.trim() })
    .onConflict((oc) => oc.columns(['account_id', 'name']).doNothing())
    .returning(['id', 'name'])
    .executeTakeFirst();
  if (!row) throw categoryNameTaken();
  return row;
}

/** Category names are unique per account: creating or renaming onto a taken one. */
export const categoryNameTaken = () =>
  new AppError('conflict', 'A category with this name already exists.', 'name');
