/** The metrics of DESIGN §4: per-conversation definitions, roll-up and report cuts. */
export { bucketKey, type TimeBucket } from './buckets.js';
export {
  type DashboardFigures,
  figuresOf,
  type HourTotals,
  hourlyFigures,
  isMissed,
} from './dashboard.js';
export {
  type ConversationOutcome,
  conversationOutcome,
  durationMs,
  firstResponseMs,
  inSeqOrder,
  isAbandoned,
  messageAnswering,
  outcomeOf,
  reactionTimesMs,
  waitMs,
  withinServiceLevel,
} from './definitions.js';
export { type GroupKey, groupBy, groupKeyOf, type MetricGroup } from './group-by.js';
export { mean, median, ratio, sum } from './stats.js';
export {
  DEFAULT_SERVICE_LEVEL_TARGET_MS,
  type MetricSummary,
  SERVICE_LEVEL_TARGET_BOUNDS_MS,
  type SummaryOptions,
  summarize,
} from './summarize.js';
export type {
  ClosedBy,
  MessageAuthor,
  MetricConversation,
  MetricItem,
  MetricMessage,
  Rating,
} from './types.js';
