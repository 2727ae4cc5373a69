import { hash } from 'argon2';
import { AppError } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { lockOperator } from '../load.js';
import { authorize } from '../policy.js';
import { passwords } from '../sessions/login.js';

export interface SetOperatorPasswordInput {
  operatorId: string;
  password: string;
  /** Required when operators change their own password. */
  currentPassword?: string;
  /** The stored id of the session the change was made in; it stays open. */
  keepSession?: string | null;
}

/**
 * Operators change their own password (knowing the current one); admins set
 * anyone's. Every other session of the operator ends: a new password is what
 * people do when they think someone else is logged in as them. The caller
 * closes the websockets after commit (src/events/sign-out.ts).
 */
export async function setOperatorPassword(ctx: ActionContext, input: SetOperatorPasswordInput) {
  const self = ctx.actor.kind === 'operator' && ctx.actor.id === input.operatorId;
  if (!self) authorize(ctx.actor, 'account.configure');
  const op = await lockOperator(ctx, input.operatorId);
  if (self) {
    const ok =
      op.password_hash !== null &&
      input.currentPassword !== undefined &&
      (await passwords.verify(op.password_hash, input.currentPassword));
    if (!ok) throw new AppError('invalid_credentials', undefined, 'currentPassword');
  }
  await ctx.trx
    .updateTable('operators')
    .set({ password_hash: await hash(input.password) })
    .where('id', '=', op.id)
    .execute();
  let ended = ctx.trx.deleteFrom('sessions').where('operator_id', '=', op.id);
  if (self && input.keepSession) ended = ended.where('id', '!=', input.keepSession);
  await ended.execute();
}
