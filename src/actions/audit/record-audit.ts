// Records the automatic audit of a closed conversation (DESIGN §5). Idempotent:
// a result for the same close, the same messages and the same version of the
// checks is left as it is; a later close (a reopened and re-closed
// conversation), a late message or a new AUDIT_VERSION replaces the automatic
// result. A reviewer's verdict lives in audit_reviews and is never touched here.
import { type AuditCheckId, type AuditInput, auditDialog } from '../../domain/audit/index.js';
import { event } from '../../events/catalog.js';
import { loadAuditSettings } from '../../store/queries/audit-settings.js';
import type { StoredAuditCheck } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockConversation } from '../load.js';
import { authorize } from '../policy.js';

/**
 * Raise when the checks change meaningfully: the auditor's sweep then re-audits
 * every stored result. 2: issue 19 — ten checks, corrected definitions, spans.
 * 3: no_brush_off — a hedge ("it depends", "не знаю") is no help, a bare yes/no is.
 */
export const AUDIT_VERSION = 3;

export interface RecordAuditResult {
  /** False when the conversation is not closed or its result is already current. */
  recorded: boolean;
  score: number | null;
}

export async function recordAudit(
  ctx: ActionContext,
  input: { conversationId: string },
): Promise<RecordAuditResult> {
  authorize(ctx.actor, 'audit.review');
  // The conversation's row lock serialises two nodes auditing the same close:
  // the second one finds the first one's result current and leaves it.
  const conv = await lockConversation(ctx, input.conversationId);
  if (conv.state !== 'closed' || !conv.closed_at) return { recorded: false, score: null };
  const closedAt = new Date(conv.closed_at);
  const existing = await ctx.trx
    .selectFrom('audit_results')
    .select(['closed_at', 'last_seq', 'version'])
    .where('conversation_id', '=', conv.id)
    .executeTakeFirst();
  if (
    existing &&
    new Date(existing.closed_at).getTime() === closedAt.getTime() &&
    existing.last_seq === conv.last_seq &&
    existing.version === AUDIT_VERSION
  ) {
    return { recorded: false, score: null };
  }

  // One after another: a transaction's client runs one query at a time anyway
  // (pg deprecates asking it for several at once).
  const messages = await ctx.trx
    .selectFrom('messages')
    .select(['id', 'seq', 'author_kind', 'text', 'created_at'])
    .where('conversation_id', '=', conv.id)
    .where('account_id', '=', ctx.accountId)
    .orderBy('seq')
    .execute();
  const contact = await ctx.trx
    .selectFrom('contacts')
    .select('name')
    .where('id', '=', conv.contact_id)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  const settings = await loadAuditSettings(ctx.trx, ctx.accountId);
  const dialog: AuditInput = {
    messages: messages.map((m) => ({
      seq: m.seq,
      author: m.author_kind,
      text: m.text,
      at: new Date(m.created_at).getTime(),
    })),
    contactName: contact?.name ?? null,
    // Assigned to an operator counts as taken even if they never wrote: only a
    // dialog nobody took is out of the operator's score.
    taken: conv.operator_id !== null || messages.some((m) => m.author_kind === 'operator'),
  };
  const result = auditDialog(dialog, settings);
  const idBySeq = new Map(messages.map((m) => [m.seq, m.id]));
  const checks: Record<string, StoredAuditCheck> = {};
  const failed: AuditCheckId[] = [];
  for (const c of result.checks) {
    checks[c.check] = {
      outcome: c.outcome,
      messageId: c.messageSeq === null ? null : (idBySeq.get(c.messageSeq) ?? null),
      note: c.reason,
      span: c.span ? [c.span[0], c.span[1]] : null,
    };
    if (c.outcome === 'fail') failed.push(c.check);
  }
  const row = {
    account_id: ctx.accountId,
    operator_id: conv.operator_id,
    closed_at: closedAt,
    last_seq: conv.last_seq,
    version: AUDIT_VERSION,
    score: result.score,
    checks: JSON.stringify(checks),
    failed,
    audited_at: ctx.now,
  };
  await ctx.trx
    .insertInto('audit_results')
    .values({ conversation_id: conv.id, ...row })
    .onConflict((oc) => oc.column('conversation_id').doUpdateSet(row))
    .execute();
  // The report row's copy of the score (migration 027): the operator report
  // averages it without a probe into audit_results per conversation.
  await ctx.trx
    .updateTable('conversation_metrics')
    .set({ audit_score: result.score })
    .where('conversation_id', '=', conv.id)
    .where('account_id', '=', ctx.accountId)
    .execute();
  ctx.emit(
    event('audit.recorded', conv.id, {
      conversationId: conv.id,
      operatorId: conv.operator_id,
      closedAt: closedAt.toISOString(),
      score: result.score,
      failed,
    }),
  );
  return { recorded: true, score: result.score };
}
