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
  contactId: string;
  /** The contact's name, else their e-mail address; null for an anonymous visitor. */
  contactName: string | null;
  operatorId: string | null;
  operatorName: string | null;
  closedAt: string;
  score: number;
  failed: AuditCheckId[];
}

export interface SampledAudit {
  conversationId: string;
  contactId: string;
  contactName: string | null;
  closedAt: string;
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
  /** Start of the interval within the hour. */
  minute: number;
  /** Mean arrivals in one such interval. */
  arrivals: number;
  arrivalsPerHour: number;
  handleTimeS: number | null;
  recommendedOperators: number;
  /** Mean operators online then (presence history). */
  scheduledOperators: number | null;
  gap: number | null;
  /** Within the working hours. */
  open: boolean;
}

export interface StaffingInputs {
  weeks: number;
  interval: 15 | 30 | 60;
  slTarget: number;
  slSeconds: number;
  concurrency: number;
  measuredConcurrency: number | null;
  averageLimit: number | null;
  tz: string;
  from: string;
  to: string;
}

export interface Staffing {
  inputs: StaffingInputs;
  cells: StaffingCell[];
}

export type ConversationOutcome = 'open' | 'answered' | 'abandoned' | 'unanswered' | 'bot';

/** GET /reports/conversations: the dialogs behind a figure, newest first. */
export interface DrillRow {
  conversationId: string;
  clientName: string | null;
  channelId: string;
  channelName: string | null;
  operatorId: string | null;
  operatorName: string | null;
  createdAt: string;
  waitS: number | null;
  firstResponseS: number | null;
  outcome: ConversationOutcome;
  rating: 'like' | 'dislike' | null;
}

export interface DrillList {
  from: string;
  to: string;
  total: number;
  rows: DrillRow[];
}

export interface DashboardFigures {
  conversations: number;
  serviceLevel: number | null;
  firstResponseAvgS: number | null;
  missed: number;
  likes: number;
  auditScore: number | null;
}

export interface DashboardDay {
  from: string;
  to: string;
  figures: DashboardFigures;
  hours: (DashboardFigures & { hour: number })[];
}

/** GET /reports/dashboard: today so far and the same weekday last week until the same time. */
export interface Dashboard {
  timeZone: string;
  serviceLevelThresholdS: number;
  today: DashboardDay;
  lastWeek: DashboardDay;
}
