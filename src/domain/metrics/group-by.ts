/**
 * Report cuts (DESIGN §4: by operator, team, channel, category and time
 * bucket). Each group is summarised with exactly the same definitions as the
 * whole, so the rows of a cut add up to the total for every count.
 */
import { bucketKey } from './buckets.js';
import {
  DEFAULT_SERVICE_LEVEL_TARGET_MS,
  type MetricSummary,
  type SummaryOptions,
  summarize,
} from './summarize.js';
import type { MetricConversation, MetricItem } from './types.js';

export type GroupKey = 'operator' | 'channel' | 'team' | 'category' | 'hour' | 'day' | 'week';

export interface MetricGroup {
  /** The operator/channel/team/category id or bucket key; null = not set (e.g. no operator). */
  key: string | null;
  summary: MetricSummary;
}

/**
 * Which value a conversation is filed under. A conversation belongs to its
 * current operator (the one who closed or holds it), and to the time bucket of
 * its creation — volume is counted when the client arrived.
 */
export function groupKeyOf(
  conv: MetricConversation,
  key: GroupKey,
  tzOffsetMinutes: number,
): string | null {
  switch (key) {
    case 'operator':
      return conv.operatorId;
    case 'channel':
      return conv.channelId;
    case 'team':
      return conv.teamId;
    case 'category':
      return conv.categoryId;
    case 'hour':
    case 'day':
    case 'week':
      return bucketKey(conv.createdAt, key, tzOffsetMinutes);
  }
}

/**
 * Summaries per group, ordered by key (time buckets chronologically), with the
 * null group last. Empty buckets are not invented: only keys that occur appear.
 */
export function groupBy(
  items: readonly MetricItem[],
  key: GroupKey,
  tzOffsetMinutes = 0,
  opts: SummaryOptions = { serviceLevelTargetMs: DEFAULT_SERVICE_LEVEL_TARGET_MS },
): MetricGroup[] {
  const groups = new Map<string | null, MetricItem[]>();
  for (const item of items) {
    const value = groupKeyOf(item.conv, key, tzOffsetMinutes);
    const bucket = groups.get(value);
    if (bucket === undefined) groups.set(value, [item]);
    else bucket.push(item);
  }
  const keys = [...groups.keys()].sort(compareKeys);
  return keys.map((value) => ({ key: value, summary: summarize(groups.get(value) ?? [], opts) }));
}

function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
