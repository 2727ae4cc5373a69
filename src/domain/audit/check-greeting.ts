import { messageHas } from './analyze.js';
import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/** 1 greeting — the operator's first message greets (a bot's greeting does not count). */
export function checkGreeting(dialog: Dialog): AuditCheckResult {
  const first = dialog.operator[0];
  if (!first) return notApplicable('greeting', NO_OPERATOR);
  return messageHas(first, 'greeting')
    ? pass('greeting', first.seq, 'The first operator message greets the client.')
    : fail('greeting', first.seq, 'The first operator message has no greeting.');
}
