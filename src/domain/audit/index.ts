// Public surface of the dialog-quality audit (DESIGN §5, issue 6).

export { type AgreementReport, type LabeledAudit, measureAgreement } from './agreement.js';
export { auditDialog, auditScore } from './audit-dialog.js';
export {
  AUDIT_CHECKS,
  type AuditAuthor,
  type AuditCheckId,
  type AuditCheckResult,
  type AuditInput,
  type AuditMessage,
  type AuditOutcome,
  type AuditResult,
} from './types.js';
