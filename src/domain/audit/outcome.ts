import type { AuditCheckId, AuditCheckResult } from './types.js';

export type Span = readonly [number, number] | null;

export function pass(
  check: AuditCheckId,
  messageSeq: number | null,
  reason: string,
  span: Span = null,
): AuditCheckResult {
  return { check, outcome: 'pass', messageSeq, reason, span: messageSeq === null ? null : span };
}

export function fail(
  check: AuditCheckId,
  messageSeq: number | null,
  reason: string,
  span: Span = null,
): AuditCheckResult {
  return { check, outcome: 'fail', messageSeq, reason, span: messageSeq === null ? null : span };
}

export function notApplicable(check: AuditCheckId, reason: string): AuditCheckResult {
  return { check, outcome: 'na', messageSeq: null, reason, span: null };
}

export const NO_OPERATOR = 'Nobody took the dialog.';
export const DISABLED = 'This check is switched off for the account.';
