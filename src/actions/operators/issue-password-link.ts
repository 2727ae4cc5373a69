import { randomBytes } from 'node:crypto';
import type { PasswordLinkPurpose } from '../../domain/password-mail.js';
import { AppError } from '../../errors.js';
import type { OperatorRow } from '../../store/schema.js';
import { hashToken } from '../../tokens.js';
import type { ActionContext } from '../context.js';
import { lockOperator } from '../load.js';
import { authorize } from '../policy.js';

export interface IssuedPasswordLink {
  /** The secret for the link; stored only as its hash. */
  token: string;
  purpose: PasswordLinkPurpose;
  expiresAt: Date;
  operator: OperatorRow;
}

/**
 * A one-time link to set a password: an invitation while the operator has
 * never set one, a reset afterwards. Issued by an admin (invite, re-send) or
 * by the system (forgot password, the CLI). The operator's earlier links stop
 * working, so only the newest e-mail counts.
 */
export async function issuePasswordLink(
  ctx: ActionContext,
  input: { operatorId: string; ttlMs: number },
): Promise<IssuedPasswordLink> {
  authorize(ctx.actor, 'account.configure');
  const operator = await lockOperator(ctx, input.operatorId);
  if (!operator.active)
    throw new AppError('conflict', 'The operator is deactivated; reactivate them first.', 'active');
  await ctx.trx.deleteFrom('password_links').where('operator_id', '=', operator.id).execute();
  const token = randomBytes(32).toString('base64url');
  const purpose: PasswordLinkPurpose = operator.password_hash === null ? 'invite' : 'reset';
  const expiresAt = new Date(ctx.now.getTime() + input.ttlMs);
  await ctx.trx
    .insertInto('password_links')
    .values({
      token_hash: hashToken(token),
      account_id: ctx.accountId,
      operator_id: operator.id,
      purpose,
      expires_at: expiresAt,
    })
    .execute();
  return { token, purpose, expiresAt, operator };
}
