// The staffing forecast by 15-, 30- or 60-minute intervals of the week (issue
// 18 § Staffing forecast): required operators from measured demand (Erlang C
// over chat slots, staffing.ts) at the concurrency operators actually sustain,
// beside the operators actually online in that interval (the presence
// history) and whether the schedule has the account open then. Pure: the
// store measures, the route supplies the zone.

import { staffHour } from './staffing.js';
import { FALLBACK_HANDLE_TIME_S } from './staffing-forecast.js';

export type IntervalMinutes = 15 | 30 | 60;

export interface IntervalSample {
  /** 0 = Monday … 6 = Sunday, local. */
  dayOfWeek: number;
  hour: number;
  /** Start minute of the interval within the hour (0, 15, 30, 45). */
  minute: number;
  arrivals: number;
  handled: number;
  handleSecondsTotal: number;
}

export interface IntervalForecastInput {
  samples: readonly IntervalSample[];
  intervalMinutes: IntervalMinutes;
  weeks: number;
  concurrency: number;
  slTarget: number;
  slSeconds: number;
  /** Mean operators online per interval of the week (slot order); absent: not known. */
  scheduled?: readonly number[];
  /** Whether the schedule has the account (or team) open, per slot; absent: always. */
  open?: readonly boolean[];
}

export interface IntervalCell {
  dayOfWeek: number;
  hour: number;
  minute: number;
  /** Mean arrivals in one such interval. */
  arrivals: number;
  arrivalsPerHour: number;
  handleTimeS: number | null;
  recommendedOperators: number;
  scheduledOperators: number | null;
  /** scheduled − recommended: negative is a shortage. */
  gap: number | null;
  open: boolean;
}

export function slotsPerWeek(interval: IntervalMinutes): number {
  return (7 * 24 * 60) / interval;
}

export function slotOf(dayOfWeek: number, minuteOfDay: number, interval: IntervalMinutes): number {
  return Math.floor((dayOfWeek * 24 * 60 + minuteOfDay) / interval);
}

/**
 * Chats an operator really holds at once: slot time (assignment → close,
 * summed) over the time they had at least one. Never below 1; null without data.
 */
export function sustainedConcurrency(busySeconds: number, activeSeconds: number): number | null {
  if (!(activeSeconds > 0)) return null;
  return Math.max(1, busySeconds / activeSeconds);
}

/**
 * Mean operators online per interval of the week from online intervals:
 * each is cut at interval boundaries (UTC-aligned, which are the local ones
 * too: every zone's offset is a whole number of quarter hours) and filed under
 * the local slot `slotAt` names.
 */
export function onlineBySlot(
  online: readonly (readonly [number, number])[],
  interval: IntervalMinutes,
  weeks: number,
  slotAt: (at: number) => number,
): number[] {
  const step = interval * 60_000;
  const ms = new Array<number>(slotsPerWeek(interval)).fill(0);
  for (const [from, to] of online) {
    for (let start = Math.floor(from / step) * step; start < to; start += step) {
      const part = Math.min(to, start + step) - Math.max(from, start);
      if (part > 0) ms[slotAt(start)]! += part;
    }
  }
  return ms.map((v) => v / (step * weeks));
}

export function forecastIntervals(input: IntervalForecastInput): IntervalCell[] {
  if (!(Number.isInteger(input.weeks) && input.weeks >= 1))
    throw new RangeError(`weeks must be a positive integer, got ${input.weeks}`);
  const count = slotsPerWeek(input.intervalMinutes);
  const cells = Array.from({ length: count }, () => ({
    arrivals: 0,
    handled: 0,
    handleSecondsTotal: 0,
  }));
  for (const s of input.samples) {
    const slot = slotOf(s.dayOfWeek, s.hour * 60 + s.minute, input.intervalMinutes);
    const cell = cells[slot];
    if (cell === undefined)
      throw new RangeError(`no interval at day ${s.dayOfWeek}, ${s.hour}:${s.minute}`);
    cell.arrivals += s.arrivals;
    cell.handled += s.handled;
    cell.handleSecondsTotal += s.handleSecondsTotal;
  }
  const handled = cells.reduce((sum, c) => sum + c.handled, 0);
  const weekHandleS =
    handled > 0 ? cells.reduce((sum, c) => sum + c.handleSecondsTotal, 0) / handled : null;
  const target = { serviceLevel: input.slTarget, targetSeconds: input.slSeconds };
  const perHour = 60 / input.intervalMinutes;
  return cells.map((c, i) => {
    const minuteOfWeek = i * input.intervalMinutes;
    const arrivals = c.arrivals / input.weeks;
    const arrivalsPerHour = arrivals * perHour;
    const handleTimeS = c.handled > 0 ? c.handleSecondsTotal / c.handled : weekHandleS;
    const ahtSeconds = Math.max(1, handleTimeS ?? FALLBACK_HANDLE_TIME_S);
    const recommendedOperators =
      arrivals === 0
        ? 0
        : staffHour({ arrivalsPerHour, ahtSeconds }, input.concurrency, target).operators;
    const scheduled = input.scheduled?.[i];
    const scheduledOperators = scheduled === undefined ? null : scheduled;
    return {
      dayOfWeek: Math.floor(minuteOfWeek / 1440),
      hour: Math.floor((minuteOfWeek % 1440) / 60),
      minute: minuteOfWeek % 60,
      arrivals,
      arrivalsPerHour,
      handleTimeS,
      recommendedOperators,
      scheduledOperators,
      gap: scheduledOperators === null ? null : scheduledOperators - recommendedOperators,
      open: input.open?.[i] ?? true,
    };
  });
}
