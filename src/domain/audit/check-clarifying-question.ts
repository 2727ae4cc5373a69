import { sentenceSpan } from './analyze.js';
import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/**
 * 3 clarifying_question — a question about the problem (not "how can I help",
 * not the name) comes before the first substantive answer. A taken dialog
 * where the client stated a problem and the operator neither asked nor
 * answered fails; `na` only when no problem was stated and nothing answered.
 */
export function checkClarifyingQuestion(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('clarifying_question', NO_OPERATOR);
  const { firstClarify, firstAnswer } = dialog;
  const spanIn = (m: NonNullable<typeof firstAnswer>) => {
    const s = dialog.deciding(m);
    return s ? sentenceSpan(s) : null;
  };
  if (firstClarify && (!firstAnswer || firstClarify.index < firstAnswer.index)) {
    return pass(
      'clarifying_question',
      firstClarify.seq,
      'The operator asks about the problem before answering.',
      spanIn(firstClarify),
    );
  }
  if (firstAnswer) {
    return fail(
      'clarifying_question',
      firstAnswer.seq,
      'The operator answers without asking anything about the problem first.',
      spanIn(firstAnswer),
    );
  }
  return dialog.problemStated
    ? fail(
        'clarifying_question',
        null,
        'The client stated a problem; the operator never asked about it nor answered it.',
      )
    : notApplicable(
        'clarifying_question',
        'No problem was stated and the operator answered nothing.',
      );
}
