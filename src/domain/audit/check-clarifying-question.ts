import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/**
 * 3 clarifying_question — a question about the problem (not "how can I help",
 * not the name) comes before the first substantive answer. Not applicable when
 * the operator neither asked nor answered (the client left, or never said
 * what the problem was).
 */
export function checkClarifyingQuestion(dialog: Dialog): AuditCheckResult {
  if (dialog.operator.length === 0) return notApplicable('clarifying_question', NO_OPERATOR);
  const { firstClarify, firstAnswer } = dialog;
  if (firstClarify && (!firstAnswer || firstClarify.index < firstAnswer.index)) {
    return pass(
      'clarifying_question',
      firstClarify.seq,
      'The operator asks about the problem before answering.',
    );
  }
  if (firstAnswer) {
    return fail(
      'clarifying_question',
      firstAnswer.seq,
      'The operator answers without asking anything about the problem first.',
    );
  }
  return notApplicable(
    'clarifying_question',
    'The operator neither asked about a problem nor answered one.',
  );
}
