// A reviewer's verdict on an audited conversation, stored beside the automatic
// result (never over it), so reviewer and machine can be compared
// (measureAgreement). A second review of the same conversation replaces the first.
import { AUDIT_CHECKS, type AuditCheckId, type AuditOutcome } from '../../domain/audit/index.js';
import { AppError, invalid } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export const MAX_REVIEW_COMMENT = 2000;

export interface ReviewAuditInput {
  conversationId: string;
  verdicts: Readonly<Record<AuditCheckId, AuditOutcome>>;
  comment?: string | null;
}

export async function reviewAudit(ctx: ActionContext, input: ReviewAuditInput): Promise<void> {
  authorize(ctx.actor, 'audit.review');
  if (ctx.actor.kind !== 'operator') throw new AppError('forbidden', 'Reviews are made by people.');
  for (const check of AUDIT_CHECKS) {
    if (!['pass', 'fail', 'na'].includes(input.verdicts[check]))
      throw invalid(`verdicts.${check}`, 'Give pass, fail or na for every check.');
  }
  if ((input.comment?.length ?? 0) > MAX_REVIEW_COMMENT)
    throw invalid('comment', `At most ${MAX_REVIEW_COMMENT} characters.`);
  // Only an audited conversation of this account can be reviewed.
  const audited = await ctx.trx
    .selectFrom('audit_results')
    .select('conversation_id')
    .where('conversation_id', '=', input.conversationId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!audited) throw new AppError('conversation_not_found');
  const verdicts = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, input.verdicts[c]]));
  const row = {
    account_id: ctx.accountId,
    reviewer_id: ctx.actor.id,
    verdicts: JSON.stringify(verdicts),
    comment: input.comment ?? null,
    reviewed_at: ctx.now,
  };
  await ctx.trx
    .insertInto('audit_reviews')
    .values({ conversation_id: audited.conversation_id, ...row })
    .onConflict((oc) => oc.column('conversation_id').doUpdateSet(row))
    .execute();
}
