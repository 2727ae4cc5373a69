// Row types of the quality tables (issue 6): the dialog audit's automatic
// results and reviewers' verdicts (migration 007), and one row of report
// inputs per closed conversation (migration 006).
import type { Rating } from './schema.js';
import type { Json, Timestamp } from './schema-columns.js';

// --- Dialog-quality audit.

/** One check of a stored result, keyed by check id in `audit_results.checks`. */
export interface StoredAuditCheck {
  outcome: 'pass' | 'fail' | 'na';
  messageId: string | null;
  note: string;
  /** The deciding phrase in that message's text: UTF-16 offsets [start, end). Absent before version 2. */
  span?: [number, number] | null;
}

export interface AuditResultsTable {
  conversation_id: string;
  account_id: string;
  operator_id: string | null;
  closed_at: Timestamp;
  last_seq: number;
  version: number;
  score: number;
  checks: Json<Record<string, StoredAuditCheck>>;
  failed: string[];
  audited_at: Timestamp;
}

export interface AuditReviewsTable {
  conversation_id: string;
  account_id: string;
  reviewer_id: string;
  verdicts: Json<Record<string, 'pass' | 'fail' | 'na'>>;
  comment: string | null;
  reviewed_at: Timestamp;
}

/** Migration 025: an account's own audit settings (AuditSettings of the domain). */
export interface AuditSettingsTable {
  account_id: string;
  disabled: string[];
  phrases: Json<Record<string, Record<string, string[]>>>;
  updated_by: string | null;
  updated_at: Timestamp;
}

// --- Reports.

export interface ConversationMetricsTable {
  conversation_id: string;
  account_id: string;
  channel_id: string;
  team_id: string | null;
  operator_id: string | null;
  category_id: string | null;
  rating: Rating | null;
  targeted: boolean | null;
  created_at: Timestamp;
  closed_at: Timestamp | null;
  first_response_ms: number | null;
  wait_ms: number | null;
  duration_ms: number | null;
  answered: number;
  unanswered: number;
  reaction_sum_ms: number;
  reaction_count: number;
  abandoned: boolean;
  sl_decided: boolean;
  /** The score of the conversation's current automatic audit (recordAudit); null until audited. */
  audit_score: number | null;
}

export interface QualityTables {
  audit_results: AuditResultsTable;
  audit_reviews: AuditReviewsTable;
  audit_settings: AuditSettingsTable;
  conversation_metrics: ConversationMetricsTable;
}
