import type { AuditCheckId, AuditCheckResult } from './types.js';

export function pass(
  check: AuditCheckId,
  messageSeq: number | null,
  reason: string,
): AuditCheckResult {
  return { check, outcome: 'pass', messageSeq, reason };
}

export function fail(
  check: AuditCheckId,
  messageSeq: number | null,
  reason: string,
): AuditCheckResult {
  return { check, outcome: 'fail', messageSeq, reason };
}

export function notApplicable(check: AuditCheckId, reason: string): AuditCheckResult {
  return { check, outcome: 'na', messageSeq: null, reason };
}

export const NO_OPERATOR = 'No operator message in the dialog.';
