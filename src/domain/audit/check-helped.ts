import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import { asksHelped } from './substance.js';
import type { AuditCheckResult } from './types.js';

/**
 * 7 helped_check — after answering, the operator asks whether it helped
 * ("помогло?", "чи вдалося?", "did that solve it?"). Not applicable when the
 * operator never answered anything and did not ask.
 */
export function checkHelped(dialog: Dialog): AuditCheckResult {
  if (dialog.operator.length === 0) return notApplicable('helped_check', NO_OPERATOR);
  const answer = dialog.firstAnswer;
  // A "did it work?" before any detected answer still follows some reply; only
  // one before a detected answer is a question about the problem instead.
  const asked = dialog.operator.find(
    (m) => (answer === null || m.index >= answer.index) && m.sentences.some(asksHelped),
  );
  if (asked) return pass('helped_check', asked.seq, 'The operator asks whether the answer helped.');
  return answer
    ? fail('helped_check', answer.seq, 'The operator answers but never asks whether it helped.')
    : notApplicable('helped_check', 'The operator never answered a question.');
}
