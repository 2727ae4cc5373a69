import { findSpan } from './analyze.js';
import { customSpan } from './custom-phrases.js';
import type { Dialog } from './dialog.js';
import { fail, NO_OPERATOR, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/** 1 greeting — the operator's first message greets (a bot's greeting does not count). */
export function checkGreeting(dialog: Dialog): AuditCheckResult {
  if (!dialog.taken) return notApplicable('greeting', NO_OPERATOR);
  const first = dialog.operator[0];
  if (!first) return fail('greeting', null, 'The operator took the dialog but never wrote.');
  const span = findSpan(first, 'greeting') ?? customSpan(first, dialog.custom.greeting);
  return span
    ? pass('greeting', first.seq, 'The first operator message greets the client.', span)
    : fail('greeting', first.seq, 'The first operator message has no greeting.', [
        0,
        first.text.length,
      ]);
}
