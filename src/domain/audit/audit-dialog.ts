// The roll-up: nine independent checks over one shared analysis of the dialog.
// Pure — no clock, no I/O — so reports, tests and the simulator can call it alike.
import { checkAnythingElse } from './check-anything-else.js';
import { checkClarifyingQuestion } from './check-clarifying-question.js';
import { checkFarewell } from './check-farewell.js';
import { checkGreeting } from './check-greeting.js';
import { checkHelped } from './check-helped.js';
import { checkName } from './check-name.js';
import { checkNoOneWord } from './check-no-one-word.js';
import { checkNoPhonePush } from './check-no-phone-push.js';
import { checkWaitWarning } from './check-wait-warning.js';
import { buildDialog, type Dialog } from './dialog.js';
import type { AuditCheckId, AuditCheckResult, AuditInput, AuditResult } from './types.js';
import { AUDIT_CHECKS } from './types.js';

const CHECKS: Readonly<Record<AuditCheckId, (dialog: Dialog) => AuditCheckResult>> = {
  greeting: checkGreeting,
  name: checkName,
  clarifying_question: checkClarifyingQuestion,
  no_one_word: checkNoOneWord,
  no_phone_push: checkNoPhonePush,
  wait_warning: checkWaitWarning,
  helped_check: checkHelped,
  anything_else: checkAnythingElse,
  farewell: checkFarewell,
};

/** passed / applicable; 1 when nothing applies, so an empty dialog does not drag a score down. */
export function auditScore(checks: readonly AuditCheckResult[]): number {
  const applicable = checks.filter((c) => c.outcome !== 'na');
  if (applicable.length === 0) return 1;
  return applicable.filter((c) => c.outcome === 'pass').length / applicable.length;
}

export function auditDialog(input: AuditInput): AuditResult {
  const dialog = buildDialog(input);
  const checks = AUDIT_CHECKS.map((id) => CHECKS[id](dialog));
  return { checks, score: auditScore(checks) };
}
