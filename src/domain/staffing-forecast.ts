// From measured history to the staffing heat-map (issue 6): arrivals and
// handle time per hour of the week, averaged over the measured weeks, then
// operators per hour from staffing.ts (Erlang C over chat slots, divided by
// the chats an operator handles at once). Pure: the store supplies the counts.
import { HOURS_PER_WEEK, staffHour } from './staffing.js';

/** What the store measured for one hour of the week, summed over every week of the period. */
export interface HourOfWeekSample {
  /** 0 = Monday … 6 = Sunday, in the account's (or the requested) time zone. */
  dayOfWeek: number;
  hour: number;
  /** Conversations that reached operators, by the hour they entered the queue. */
  arrivals: number;
  /** Of those, closed after an assignment: the ones with a handle time. */
  handled: number;
  /** Σ assignment → close over the handled ones, seconds. */
  handleSecondsTotal: number;
}

export interface ForecastInput {
  samples: readonly HourOfWeekSample[];
  /** How many weeks the samples cover: arrivals per hour = arrivals / weeks. */
  weeks: number;
  concurrency: number;
  /** Share to answer within slSeconds, in [0, 1). */
  slTarget: number;
  slSeconds: number;
}

export interface ForecastCell {
  dayOfWeek: number;
  hour: number;
  arrivalsPerHour: number;
  /** The hour's mean handle time, or the week's where the hour had none handled; null with no data at all. */
  handleTimeS: number | null;
  recommendedOperators: number;
}

/**
 * Used only when chats arrived but none in the whole period was handled to a
 * close (all abandoned or still open): a typical chat's handle time.
 */
export const FALLBACK_HANDLE_TIME_S = 300;

/** 168 cells, Monday 00:00 first. */
export function forecastStaffing(input: ForecastInput): ForecastCell[] {
  if (!(Number.isInteger(input.weeks) && input.weeks >= 1)) {
    throw new RangeError(`weeks must be a positive integer, got ${input.weeks}`);
  }
  const cells = Array.from({ length: HOURS_PER_WEEK }, () => ({
    arrivals: 0,
    handled: 0,
    handleSecondsTotal: 0,
  }));
  for (const s of input.samples) {
    if (!(s.dayOfWeek >= 0 && s.dayOfWeek < 7 && s.hour >= 0 && s.hour < 24)) {
      throw new RangeError(`no hour of the week at day ${s.dayOfWeek}, hour ${s.hour}`);
    }
    const cell = cells[s.dayOfWeek * 24 + s.hour]!;
    cell.arrivals += s.arrivals;
    cell.handled += s.handled;
    cell.handleSecondsTotal += s.handleSecondsTotal;
  }
  const handled = cells.reduce((sum, c) => sum + c.handled, 0);
  const weekHandleS =
    handled > 0 ? cells.reduce((sum, c) => sum + c.handleSecondsTotal, 0) / handled : null;
  const target = { serviceLevel: input.slTarget, targetSeconds: input.slSeconds };
  return cells.map((c, i) => {
    const arrivalsPerHour = c.arrivals / input.weeks;
    const handleTimeS = c.handled > 0 ? c.handleSecondsTotal / c.handled : weekHandleS;
    // A chat closed the second it was assigned would make the traffic zero; one
    // second keeps Erlang C meaningful without changing any real figure.
    const ahtSeconds = Math.max(1, handleTimeS ?? FALLBACK_HANDLE_TIME_S);
    const recommendedOperators =
      arrivalsPerHour === 0
        ? 0
        : staffHour({ arrivalsPerHour, ahtSeconds }, input.concurrency, target, i).operators;
    return {
      dayOfWeek: Math.floor(i / 24),
      hour: i % 24,
      arrivalsPerHour,
      handleTimeS,
      recommendedOperators,
    };
  });
}
