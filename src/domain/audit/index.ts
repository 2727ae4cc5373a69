// Public surface of the dialog-quality audit (DESIGN §5, issue 6).

export type { DialogueAct } from './acts.js';
export { type AgreementReport, type LabeledAudit, measureAgreement } from './agreement.js';
export { auditDialog, auditScore } from './audit-dialog.js';
export {
  AUDIT_CHECKS,
  AUDIT_LANGUAGES,
  AUDIT_PHRASE_KINDS,
  type AuditAuthor,
  type AuditCheckId,
  type AuditCheckResult,
  type AuditInput,
  type AuditLanguage,
  type AuditMessage,
  type AuditOutcome,
  type AuditPhraseKind,
  type AuditResult,
  type AuditSettings,
  buildAuditPhrases,
  DEFAULT_AUDIT_SETTINGS,
} from './types.js';
