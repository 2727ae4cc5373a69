import type {
  MessageAuthor,
  MetricConversation,
  MetricItem,
  MetricMessage,
} from '../../../src/domain/metrics/index.js';

export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0); // Monday 2025-01-06 09:00 UTC
export const S = 1_000;

/** A closed, queued, assigned conversation; override what a test is about. */
export function conversation(overrides: Partial<MetricConversation> = {}): MetricConversation {
  return {
    id: 'c1',
    createdAt: T0,
    queuedAt: T0,
    assignedAt: T0 + 5 * S,
    closedAt: T0 + 600 * S,
    closedBy: 'operator',
    operatorId: 'natalia',
    channelId: 'widget',
    teamId: 'billing',
    categoryId: null,
    targeted: null,
    rating: null,
    ...overrides,
  };
}

/** Messages from [author, seconds after T0] pairs, numbered in the given order. */
export function messages(...rows: [MessageAuthor, number][]): MetricMessage[] {
  return rows.map(([author, seconds], index) => ({
    seq: index + 1,
    author,
    at: T0 + seconds * S,
    operatorId: author === 'operator' ? 'natalia' : null,
  }));
}

export function item(
  conv: Partial<MetricConversation>,
  ...rows: [MessageAuthor, number][]
): MetricItem {
  return { conv: conversation(conv), messages: messages(...rows) };
}
