import { hits, spanOf } from './analyze.js';
import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import { asksHelped } from './substance.js';
import type { AuditCheckResult } from './types.js';

/**
 * 7 helped_check — at or after the answer, the operator asks whether it helped
 * ("помогло?", "чи зрозуміло?", "did that solve it?"), or asks any yes/no
 * question about the outcome ("Відкрилося?", "Is the display showing your
 * usage again?"). A taken dialog the operator never answered fails too; only a
 * dialog nobody took is `na`.
 */
export function checkHelped(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('helped_check', NO_OPERATOR);
  const answer = dialog.firstAnswer;
  const answerSentence = answer ? dialog.deciding(answer) : null;
  for (const m of dialog.operator) {
    if (answer !== null && m.index < answer.index) continue;
    for (const s of m.sentences) {
      // In the answering message itself, only what comes after the answer asks about it.
      const afterAnswer =
        answer !== null &&
        (m !== answer || (answerSentence !== null && s.start > answerSentence.start));
      // Without a detected answer only an explicit helped phrase counts: a
      // yes/no question there is more likely about the problem.
      if (dialog.act(s) !== 'question' || !asksHelped(s, afterAnswer)) continue;
      const hit = hits(s, 'helped')[0];
      return pass(
        'helped_check',
        m.seq,
        'The operator asks whether the answer helped.',
        hit ? spanOf(s, hit) : [s.start, s.end],
      );
    }
  }
  return answer
    ? fail('helped_check', answer.seq, 'The operator answers but never asks whether it helped.')
    : fail('helped_check', null, 'The operator never answered, nor asked whether it helped.');
}
