// Shapes of the statistics, audit and staffing endpoints (issue 6 contract).
// Durations are seconds (null when undefined), shares 0..1 (null when undefined).
import type { AuditCheckId, AuditOutcome } from '../../../src/domain/audit/types';

export type { AuditCheckId, AuditOutcome };

export interface OperatorReportRow {
  operatorId: string;
  operatorName: string;
  conversations: number;
  firstResponseAvgS: number | null;
  firstResponseMedianS: number | null;
  answeredClientMessages: number;
  unansweredClientMessages: number;
  reactionAvgS: number | null;
  durationAvgS: number | null;
  likes: number;
  dislikes: number;
  /** At most 50 each. */
  likedConversationIds: string[];
  dislikedConversationIds: string[];
  targeted: number;
  nonTargeted: number;
  auditScore: number | null;
}

export interface OperatorsReport {
  from: string;
  to: string;
  serviceLevelThresholdS: number;
  rows: OperatorReportRow[];
}

export type BreakdownBy = 'channel' | 'team' | 'category' | 'hour' | 'day' | 'week';
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

export interface BreakdownRow {
  /** The id, or the bucket start (ISO) for time buckets. */
  key: string | null;
  label: string;
  conversations: number;
  waitAvgS: number | null;
  waitMedianS: number | null;
  firstResponseAvgS: number | null;
  serviceLevel: number | null;
  answeredWithinThreshold: number;
  abandoned: number;
  targeted: number;
  nonTargeted: number;
}

export interface BreakdownReport {
  from: string;
  to: string;
  by: BreakdownBy;
  serviceLevelThresholdS: number;
  rows: BreakdownRow[];
}

export interface CategoriesByChannel {
  channelId: string;
  rows: { categoryId: string | null; categoryName: string; conversations: number }[];
}

export type CheckCounts = Record<AuditOutcome, number>;

export interface AuditOperatorRow {
  operatorId: string;
  operatorName: string;
  audited: number;
  score: number | null;
  checks: Partial<Record<AuditCheckId, CheckCounts>>;
}

export interface FailingRow {
  conversationId: string;
  operatorId: string | null;
  operatorName: string | null;
  closedAt: string;
  score: number;
  failed: AuditCheckId[];
}

export interface AuditReview {
  reviewerId: string;
  reviewerName: string;
  reviewedAt: string;
  verdicts: Record<AuditCheckId, AuditOutcome>;
  comment: string | null;
}

export interface AuditDetail {
  conversationId: string;
  operatorId: string | null;
  closedAt: string;
  score: number;
  checks: AuditDetailCheck[];
  review: AuditReview | null;
}

export interface AuditDetailCheck {
  check: AuditCheckId;
  outcome: AuditOutcome;
  messageId: string | null;
  note: string;
  /** The deciding phrase: UTF-16 offsets [start, end) in the message's text, or null. */
  span?: [number, number] | null;
}

/** GET /audit/agreement: reviewers' verdicts against the automatic outcomes. */
export interface AuditAgreement {
  reviewed: number;
  agree: number;
  total: number;
  agreement: number | null;
  perCheck: { check: AuditCheckId; agree: number; total: number; agreement: number | null }[];
  disagreements: {
    conversationId: string;
    check: AuditCheckId;
    reviewer: AuditOutcome;
    automatic: AuditOutcome;
    note: string;
  }[];
}

export type AuditLanguage = 'ru' | 'uk' | 'en';
export type AuditPhraseKind = 'greeting' | 'farewell' | 'banned';

/** GET / PUT /audit/settings. */
export interface AuditSettings {
  disabled: AuditCheckId[];
  phrases: Record<AuditLanguage, Record<AuditPhraseKind, string[]>>;
  updatedAt?: string | null;
}

export interface StaffingCell {
  /** 0 = Monday … 6 = Sunday. */
  dayOfWeek: number;
  hour: number;
  arrivalsPerHour: number;
  handleTimeS: number | null;
  recommendedOperators: number;
}

export interface StaffingInputs {
  weeks: number;
  slTarget: number;
  slSeconds: number;
  concurrency: number;
  tz: string;
  from: string;
  to: string;
}

export interface Staffing {
  inputs: StaffingInputs;
  cells: StaffingCell[];
}
