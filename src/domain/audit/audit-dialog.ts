// The roll-up: ten independent checks over one shared analysis of the dialog.
// Pure — no clock, no I/O — so reports, tests and the simulator can call it alike.
import { checkAnythingElse } from './check-anything-else.js';
import { checkClarifyingQuestion } from './check-clarifying-question.js';
import { checkFarewell } from './check-farewell.js';
import { checkGreeting } from './check-greeting.js';
import { checkHelped } from './check-helped.js';
import { checkName } from './check-name.js';
import { checkNoBrushOff } from './check-no-brush-off.js';
import { checkNoOneWord } from './check-no-one-word.js';
import { checkNoPhonePush } from './check-no-phone-push.js';
import { checkWaitWarning } from './check-wait-warning.js';
import { buildDialog, type Dialog } from './dialog.js';
import { DISABLED, notApplicable } from './outcome.js';
import type {
  AuditCheckId,
  AuditCheckResult,
  AuditInput,
  AuditResult,
  AuditSettings,
} from './types.js';
import { AUDIT_CHECKS, DEFAULT_AUDIT_SETTINGS } from './types.js';

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
  no_brush_off: checkNoBrushOff,
};

/** passed / applicable; 1 when nothing applies, so an empty dialog does not drag a score down. */
export function auditScore(checks: readonly AuditCheckResult[]): number {
  const applicable = checks.filter((c) => c.outcome !== 'na');
  if (applicable.length === 0) return 1;
  return applicable.filter((c) => c.outcome === 'pass').length / applicable.length;
}

/**
 * The ten checks of one dialog under an account's settings (defaults when
 * omitted): a switched-off check comes out `na`, so it leaves the score.
 */
export function auditDialog(
  input: AuditInput,
  settings: AuditSettings = DEFAULT_AUDIT_SETTINGS,
): AuditResult {
  const dialog = buildDialog(input, settings);
  const off = new Set(settings.disabled);
  const checks = AUDIT_CHECKS.map((id) =>
    off.has(id) ? notApplicable(id, DISABLED) : CHECKS[id](dialog),
  );
  return { checks, score: auditScore(checks) };
}
