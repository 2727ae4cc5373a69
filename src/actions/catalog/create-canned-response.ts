import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export async function createCannedResponse(
  ctx: ActionContext,
  input: { shortcut: string; text: string },
) {
  authorize(ctx.actor, 'account.configure');
  const row = await ctx.trx
    .insertInto('canned_responses')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      shortcut: input.shortcut.trim().replace(/^\//, ''),
      text: input.text,
    })
    .onConflict((oc) => oc.columns(['account_id', 'shortcut']).doNothing())
    .returning(['id', 'shortcut', 'text'])
    .executeTakeFirst();
  if (!row) throw shortcutTaken();
  return row;
}

/** Shortcuts are unique per account: creating or changing onto a taken one. */
export const shortcutTaken = () =>
  new AppError('conflict', 'A canned response with this shortcut exists.', 'shortcut');
