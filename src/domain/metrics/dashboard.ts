/**
 * The supervisor dashboard's figures (issue 18): today so far against the same
 * weekday a week ago, whole and per local hour. The store sums each hour's
 * conversations with the per-conversation definitions (definitions.ts, as the
 * reports do); this rolls the sums up, so a day's figure is exactly the one
 * its hours add up to and every ratio and mean comes from stats.ts.
 */
import type { ConversationOutcome } from './definitions.js';
import { ratio } from './stats.js';

/**
 * Missed: the conversation reached operators and closed with no operator
 * reply — the client gave up (abandoned) or it was closed unanswered.
 */
export function isMissed(outcome: ConversationOutcome): boolean {
  return outcome === 'abandoned' || outcome === 'unanswered';
}

/** Sums over the conversations created in one local hour. */
export interface HourTotals {
  /** Local hour of creation, 0..23. */
  hour: number;
  conversations: number;
  firstResponseSumMs: number;
  firstResponseCount: number;
  /** Service level: decided conversations, and those answered within T. */
  decided: number;
  within: number;
  missed: number;
  likes: number;
  auditScoreSum: number;
  audited: number;
}

export interface DashboardFigures {
  conversations: number;
  /** within / decided; null when nothing is decided yet. */
  serviceLevel: number | null;
  /** Mean first response over the conversations that have one; null when none. */
  firstResponseAvgMs: number | null;
  missed: number;
  likes: number;
  /** Mean automatic audit score of the audited ones; null when none. */
  auditScore: number | null;
}

const EMPTY: Omit<HourTotals, 'hour'> = {
  conversations: 0,
  firstResponseSumMs: 0,
  firstResponseCount: 0,
  decided: 0,
  within: 0,
  missed: 0,
  likes: 0,
  auditScoreSum: 0,
  audited: 0,
};

export function figuresOf(hours: readonly Omit<HourTotals, 'hour'>[]): DashboardFigures {
  const t = { ...EMPTY };
  for (const h of hours) for (const k of Object.keys(EMPTY) as (keyof typeof EMPTY)[]) t[k] += h[k];
  return {
    conversations: t.conversations,
    serviceLevel: ratio(t.within, t.decided),
    firstResponseAvgMs: ratio(t.firstResponseSumMs, t.firstResponseCount),
    missed: t.missed,
    likes: t.likes,
    auditScore: ratio(t.auditScoreSum, t.audited),
  };
}

/** Figures for every hour 0..`throughHour`, hours without conversations included (zero counts, null means). */
export function hourlyFigures(
  hours: readonly HourTotals[],
  throughHour: number,
): (DashboardFigures & { hour: number })[] {
  const byHour = new Map(hours.map((h) => [h.hour, h]));
  const out: (DashboardFigures & { hour: number })[] = [];
  for (let hour = 0; hour <= throughHour; hour += 1) {
    out.push({ hour, ...figuresOf([byHour.get(hour) ?? EMPTY]) });
  }
  return out;
}
