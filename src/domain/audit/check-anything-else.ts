import { hits, spanOf } from './analyze.js';
import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/** 8 anything_else — the operator asks whether there is anything else (a question, not "write if…"). */
export function checkAnythingElse(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('anything_else', NO_OPERATOR);
  for (const m of dialog.operator) {
    for (const s of m.sentences) {
      const hit = hits(s, 'anything_else')[0];
      if (hit && dialog.act(s) === 'question') {
        return pass(
          'anything_else',
          m.seq,
          'The operator asks whether there is anything else.',
          spanOf(s, hit),
        );
      }
    }
  }
  return fail('anything_else', null, 'The operator never asks whether there is anything else.');
}
