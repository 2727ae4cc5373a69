import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import { asksAnythingElse } from './substance.js';
import type { AuditCheckResult } from './types.js';

/** 8 anything_else — the operator asks whether there is anything else (a question, not "write if…"). */
export function checkAnythingElse(dialog: Dialog): AuditCheckResult {
  if (dialog.operator.length === 0) return notApplicable('anything_else', NO_OPERATOR);
  const asked = dialog.operator.find((m) => m.sentences.some(asksAnythingElse));
  return asked
    ? pass('anything_else', asked.seq, 'The operator asks whether there is anything else.')
    : fail('anything_else', null, 'The operator never asks whether there is anything else.');
}
