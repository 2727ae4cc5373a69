// The audit's public shapes. Kept free of imports so that stores, reports and
// the web app can depend on them without pulling in lexicons or stemmers.

export type AuditAuthor = 'contact' | 'operator' | 'bot' | 'system';

export interface AuditMessage {
  seq: number;
  author: AuditAuthor;
  text: string;
  /** ms since epoch */
  at: number;
}

export interface AuditInput {
  messages: readonly AuditMessage[];
  /** From the pre-chat form or the contact card; placeholders like "Guest 12" count as unknown. */
  contactName: string | null;
}

export type AuditCheckId =
  | 'greeting'
  | 'name'
  | 'clarifying_question'
  | 'no_one_word'
  | 'no_phone_push'
  | 'wait_warning'
  | 'helped_check'
  | 'anything_else'
  | 'farewell';

export type AuditOutcome = 'pass' | 'fail' | 'na';

export interface AuditCheckResult {
  check: AuditCheckId;
  outcome: AuditOutcome;
  /** The message the outcome refers to, or null when there is none (e.g. "never asked"). */
  messageSeq: number | null;
  /** Short English explanation for coaching pages. */
  reason: string;
}

export interface AuditResult {
  /** Always all nine checks, in AUDIT_CHECKS order. */
  checks: AuditCheckResult[];
  /** passed / applicable, 0..1; 1 when no check applies. */
  score: number;
}

export const AUDIT_CHECKS: readonly AuditCheckId[] = [
  'greeting',
  'name',
  'clarifying_question',
  'no_one_word',
  'no_phone_push',
  'wait_warning',
  'helped_check',
  'anything_else',
  'farewell',
];
