// Shapes of the statistics, audit and staffing endpoints, from the contract
// (src/contract/reports.ts). Durations are seconds (null when undefined), shares
// 0..1 (null when undefined). Types only: no zod reaches the bundle.
import type {
  AuditAgreement,
  AuditCheckId,
  AuditOutcome,
  AuditSample,
  AuditSettings,
  AuditView,
  BotArticles,
  BotReport,
  BreakdownReport,
  CategoriesByChannel,
  Dashboard,
  DrillList,
  FailingAudits,
  FlagReport,
  OperatorAudits,
  OperatorReport,
  StaffingPlan,
} from '../../../src/contract/reports';

export type {
  AuditAgreement,
  AuditCheckId,
  AuditOutcome,
  AuditSample,
  AuditSettings,
  BotArticles,
  BotReport,
  BreakdownReport,
  CategoriesByChannel,
  Dashboard,
  DrillList,
  FailingAudits,
  FlagReport,
  OperatorAudits,
};

export type OperatorsReport = OperatorReport;
export type OperatorReportRow = OperatorReport['rows'][number];

export type BreakdownBy = BreakdownReport['by'];
export const BREAKDOWNS: readonly BreakdownBy[] = [
  'channel',
  'team',
  'category',
  'hour',
  'day',
  'week',
];

export function isTimeBucket(by: BreakdownBy): boolean {
  return by === 'hour' || by === 'day' || by === 'week';
}

export type BreakdownRow = BreakdownReport['rows'][number];

export type CheckCounts = Record<AuditOutcome, number>;
export type AuditOperatorRow = OperatorAudits['rows'][number];
export type FailingRow = FailingAudits['rows'][number];
export type SampledAudit = AuditSample['conversations'][number];

export type AuditDetail = AuditView;
export type AuditDetailCheck = AuditView['checks'][number];
export type AuditReview = NonNullable<AuditView['review']>;

export type AuditLanguage = keyof AuditSettings['phrases'];
export type AuditPhraseKind = keyof AuditSettings['phrases'][AuditLanguage];

export type Staffing = StaffingPlan;
export type StaffingInputs = StaffingPlan['inputs'];
export type StaffingCell = StaffingPlan['cells'][number];

export type DrillRow = DrillList['rows'][number];
export type ConversationOutcome = DrillRow['outcome'];

export type DashboardDay = Dashboard['today'];
export type DashboardFigures = DashboardDay['figures'];
