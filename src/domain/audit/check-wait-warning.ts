import { messageHas } from './analyze.js';
import type { Dialog } from './dialog.js';
import { fail, notApplicable, pass } from './outcome.js';
import type { AuditCheckResult } from './types.js';

/** A reply this long after the client wrote needs a warning first (issue 6). */
export const LONG_PAUSE_MS = 120_000;

/**
 * 6 wait_warning — every operator message that comes ≥ 120 s after the first
 * unanswered client message (the reaction-time start of DESIGN §4) must be
 * preceded by an operator warning, given since that client message or just
 * before it ("минутку, проверю" → "ок" → answer). A warning keeps the client
 * waiting knowingly until the next real reply; after that a new pause needs a
 * new warning. A late warning is itself a late reply. Bot and system messages
 * are ignored.
 */
export function checkWaitWarning(dialog: Dialog): AuditCheckResult {
  let waitingSince: number | null = null;
  let warned = false;
  let firstWarnedPause: number | null = null;
  for (const m of dialog.messages) {
    if (m.author === 'contact') {
      waitingSince ??= m.at;
      continue;
    }
    if (m.author !== 'operator') continue;
    if (waitingSince !== null && m.at - waitingSince >= LONG_PAUSE_MS) {
      if (!warned) {
        return fail(
          'wait_warning',
          m.seq,
          'The operator replies after a pause of 2+ minutes without warning the client.',
        );
      }
      firstWarnedPause ??= m.seq;
    }
    if (messageHas(m, 'wait')) {
      warned = true;
    } else {
      waitingSince = null;
      warned = false;
    }
  }
  return firstWarnedPause === null
    ? notApplicable('wait_warning', 'No operator reply came 2+ minutes after the client.')
    : pass('wait_warning', firstWarnedPause, 'The client was warned before every long pause.');
}
