import { hits, spanOf } from './analyze.js';
import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/**
 * 7 helped_check — at or after the answer, the operator asks whether it helped
 * ("помогло?", "чи вдалося?", "did that solve it?"). A taken dialog the
 * operator never answered fails too; only a dialog nobody took is `na`.
 */
export function checkHelped(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('helped_check', NO_OPERATOR);
  const answer = dialog.firstAnswer;
  // A "did it work?" before any detected answer still follows some reply; only
  // one before a detected answer is a question about the problem instead.
  for (const m of dialog.operator) {
    if (answer !== null && m.index < answer.index) continue;
    for (const s of m.sentences) {
      const hit = hits(s, 'helped')[0];
      if (hit && dialog.act(s) === 'question') {
        return pass(
          'helped_check',
          m.seq,
          'The operator asks whether the answer helped.',
          spanOf(s, hit),
        );
      }
    }
  }
  return answer
    ? fail('helped_check', answer.seq, 'The operator answers but never asks whether it helped.')
    : fail('helped_check', null, 'The operator never answered, nor asked whether it helped.');
}
