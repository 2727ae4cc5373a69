// Agreement between audit outcomes and human labels — for the labeled test
// set, and equally for a reviewer's verdict stored beside the automatic one.
import type { AuditCheckId, AuditOutcome, AuditResult } from './types.js';
import { AUDIT_CHECKS } from './types.js';

export interface LabeledAudit {
  id: string;
  /** A check without a label (a review made before the check existed) is left out of its count. */
  expected: Readonly<Partial<Record<AuditCheckId, AuditOutcome>>>;
  actual: AuditResult;
}

export interface CheckAgreement {
  check: AuditCheckId;
  agree: number;
  total: number;
  /** agree / total; 1 for an empty set. */
  agreement: number;
}

export interface Disagreement {
  id: string;
  check: AuditCheckId;
  expected: AuditOutcome;
  actual: AuditOutcome;
  messageSeq: number | null;
  reason: string;
}

export interface AgreementReport {
  dialogs: number;
  checks: number;
  agree: number;
  total: number;
  agreement: number;
  perCheck: CheckAgreement[];
  disagreements: Disagreement[];
}

const ratio = (agree: number, total: number): number => (total === 0 ? 1 : agree / total);

/** Exact agreement per check (pass/fail/na must all match) and over every check of every dialog. */
export function measureAgreement(labeled: readonly LabeledAudit[]): AgreementReport {
  const disagreements: Disagreement[] = [];
  const perCheck = AUDIT_CHECKS.map((check): CheckAgreement => {
    let agree = 0;
    let total = 0;
    for (const item of labeled) {
      const expected = item.expected[check];
      if (expected === undefined) continue;
      total++;
      const got = item.actual.checks.find((c) => c.check === check);
      const actual = got?.outcome ?? 'na';
      if (actual === expected) {
        agree++;
      } else {
        disagreements.push({
          id: item.id,
          check,
          expected,
          actual,
          messageSeq: got?.messageSeq ?? null,
          reason: got?.reason ?? '',
        });
      }
    }
    return { check, agree, total, agreement: ratio(agree, total) };
  });
  const agree = perCheck.reduce((sum, c) => sum + c.agree, 0);
  const total = perCheck.reduce((sum, c) => sum + c.total, 0);
  return {
    dialogs: labeled.length,
    checks: AUDIT_CHECKS.length,
    agree,
    total,
    agreement: ratio(agree, total),
    perCheck,
    disagreements,
  };
}
