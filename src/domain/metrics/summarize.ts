/**
 * Roll-up of the per-conversation definitions (DESIGN §4) into one report row.
 * Averages are plain means over the conversations (or intervals) that have a
 * value; a metric with no values is null, never 0, so "no data" cannot be
 * mistaken for "instant".
 */
import {
  durationMs,
  firstResponseMs,
  isAbandoned,
  messageAnswering,
  reactionTimesMs,
  waitMs,
  withinServiceLevel,
} from './definitions.js';
import { mean, median, ratio } from './stats.js';
import type { MetricItem } from './types.js';

/** DESIGN §3: service level is measured against T = 20 s unless configured. */
export const DEFAULT_SERVICE_LEVEL_TARGET_MS = 20_000;
/** The T an account or a channel may set: whole milliseconds, one second to one hour. */
export const SERVICE_LEVEL_TARGET_BOUNDS_MS = { min: 1000, max: 3_600_000 } as const;

export interface SummaryOptions {
  serviceLevelTargetMs: number;
}

export interface MetricSummary {
  /** Conversations in the slice (volume), open or closed. */
  conversations: number;
  closed: number;
  /** Conversations with at least one operator reply (the per-operator "handled"). */
  handled: number;
  firstResponse: { count: number; avgMs: number | null; medianMs: number | null };
  /** Client messages, summed over conversations (see `messageAnswering`). */
  messages: { answered: number; unanswered: number };
  /** Mean over every reaction interval of every conversation, so long dialogs weigh more. */
  reaction: { count: number; avgMs: number | null };
  duration: { count: number; avgMs: number | null };
  wait: { count: number; avgMs: number | null };
  likes: number;
  dislikes: number;
  /** Ids behind the like/dislike counts so a report can link to the dialogs (issue 6). */
  likedConversationIds: string[];
  dislikedConversationIds: string[];
  targeted: number;
  nonTargeted: number;
  abandoned: number;
  /** Conversations per category id; uncategorised ones are not listed. */
  categories: Record<string, number>;
  /**
   * Share of decided conversations (closed, operator traffic) answered within
   * T; abandoned ones count as failures (see `withinServiceLevel`).
   */
  serviceLevel: { targetMs: number; within: number; total: number; ratio: number | null };
}

export function summarize(
  items: readonly MetricItem[],
  opts: SummaryOptions = { serviceLevelTargetMs: DEFAULT_SERVICE_LEVEL_TARGET_MS },
): MetricSummary {
  const firstResponses: number[] = [];
  const reactions: number[] = [];
  const durations: number[] = [];
  const waits: number[] = [];
  const likedConversationIds: string[] = [];
  const dislikedConversationIds: string[] = [];
  const categories: Record<string, number> = {};
  let closed = 0;
  let answered = 0;
  let unanswered = 0;
  let targeted = 0;
  let nonTargeted = 0;
  let abandoned = 0;
  let slWithin = 0;
  let slTotal = 0;

  for (const { conv, messages } of items) {
    if (conv.closedAt !== null) closed += 1;

    const firstResponse = firstResponseMs(conv, messages);
    if (firstResponse !== null) firstResponses.push(firstResponse);
    reactions.push(...reactionTimesMs(messages));
    const duration = durationMs(conv);
    if (duration !== null) durations.push(duration);
    const wait = waitMs(conv);
    if (wait !== null) waits.push(wait);

    const answering = messageAnswering(messages);
    answered += answering.answered;
    unanswered += answering.unanswered;

    if (conv.rating === 'like') likedConversationIds.push(conv.id);
    if (conv.rating === 'dislike') dislikedConversationIds.push(conv.id);
    if (conv.targeted === true) targeted += 1;
    if (conv.targeted === false) nonTargeted += 1;
    if (conv.categoryId !== null) {
      categories[conv.categoryId] = (categories[conv.categoryId] ?? 0) + 1;
    }
    if (isAbandoned(conv, messages)) abandoned += 1;

    const sl = withinServiceLevel(conv, messages, opts.serviceLevelTargetMs);
    if (sl !== null) {
      slTotal += 1;
      if (sl) slWithin += 1;
    }
  }

  return {
    conversations: items.length,
    closed,
    handled: firstResponses.length,
    firstResponse: {
      count: firstResponses.length,
      avgMs: mean(firstResponses),
      medianMs: median(firstResponses),
    },
    messages: { answered, unanswered },
    reaction: { count: reactions.length, avgMs: mean(reactions) },
    duration: { count: durations.length, avgMs: mean(durations) },
    wait: { count: waits.length, avgMs: mean(waits) },
    likes: likedConversationIds.length,
    dislikes: dislikedConversationIds.length,
    likedConversationIds,
    dislikedConversationIds,
    targeted,
    nonTargeted,
    abandoned,
    categories,
    serviceLevel: {
      targetMs: opts.serviceLevelTargetMs,
      within: slWithin,
      total: slTotal,
      ratio: ratio(slWithin, slTotal),
    },
  };
}
