/**
 * Working hours: when a team (or the account) answers, on its own wall clock.
 * A week of opening intervals per local weekday, plus holidays — dates that
 * are closed or have hours of their own. Pure: the instant is a parameter and
 * the zone's rules (DST included) come from Intl, so "09:00" stays 09:00 local
 * time on both sides of a clock change.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** 'HH:MM' local time; `from` inclusive, `to` exclusive; `to` before `from` runs past midnight. */
export interface OpenInterval {
  from: string;
  to: string;
}

export interface Holiday {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Its own hours; empty means closed all day. */
  intervals: OpenInterval[];
}

export interface WorkingHours {
  /** IANA zone of the team's clock, e.g. "Europe/Kyiv". */
  timezone: string;
  /**
   * Opening intervals per local weekday; an absent day or an empty list is
   * closed. A single interval object is the shape saved before several
   * intervals per day existed, still read as a list of one.
   */
  days: Partial<Record<Weekday, OpenInterval[] | OpenInterval>>;
  holidays?: Holiday[];
}

/** The intervals of a weekday entry, old single-interval shape included. */
export function intervalsOf(entry: OpenInterval[] | OpenInterval | undefined): OpenInterval[] {
  if (entry === undefined) return [];
  const list = Array.isArray(entry) ? entry : [entry];
  // Blank times were how an old form saved a closed day.
  return list.filter((i) => i.from.trim() !== '' && i.to.trim() !== '');
}

/** The same hours with every day as a list — the shape saved from now on. */
export function normalizeWorkingHours(hours: WorkingHours): WorkingHours {
  const days: Partial<Record<Weekday, OpenInterval[]>> = {};
  for (const day of WEEKDAYS) {
    const list = intervalsOf(hours.days[day]);
    if (list.length > 0) days[day] = list;
  }
  const holidays = [...(hours.holidays ?? [])]
    .map((h) => ({ date: h.date, intervals: intervalsOf(h.intervals) }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { timezone: hours.timezone, days, holidays };
}

/** 'HH:MM' → minutes since midnight; '24:00' is allowed as the end of a day. */
export function parseClock(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (match === null || minutes > 59 || hours * 60 + minutes > 24 * 60) {
    throw new RangeError(`invalid time of day "${text}", expected HH:MM`);
  }
  return hours * 60 + minutes;
}

function isClock(text: string): boolean {
  try {
    parseClock(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a zone name is one Intl knows. */
export function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export interface ScheduleProblem {
  /** Path under the hours object, e.g. "days.mon.1.to" or "holidays.0.date". */
  path: string;
  reason: 'unknown_timezone' | 'overlap' | 'duplicate_date' | 'empty_interval';
}

/**
 * What is wrong with a schedule that is well-formed field by field: an unknown
 * zone, a zero-length interval, intervals of one day that overlap, a holiday
 * date listed twice. Null when it is fine.
 */
export function findScheduleProblem(hours: WorkingHours): ScheduleProblem | null {
  if (!isKnownTimezone(hours.timezone)) return { path: 'timezone', reason: 'unknown_timezone' };
  const lists: [string, OpenInterval[]][] = [
    ...WEEKDAYS.map((d): [string, OpenInterval[]] => [`days.${d}`, intervalsOf(hours.days[d])]),
    ...(hours.holidays ?? []).map((h, i): [string, OpenInterval[]] => [
      `holidays.${i}.intervals`,
      h.intervals,
    ]),
  ];
  for (const [path, list] of lists) {
    const problem = intervalProblem(list);
    if (problem) return { path: `${path}.${problem.index}`, reason: problem.reason };
  }
  const seen = new Set<string>();
  for (const [i, h] of (hours.holidays ?? []).entries()) {
    if (seen.has(h.date)) return { path: `holidays.${i}.date`, reason: 'duplicate_date' };
    seen.add(h.date);
  }
  return null;
}

function intervalProblem(
  list: OpenInterval[],
): { index: number; reason: 'overlap' | 'empty_interval' } | null {
  // A malformed time is the shape check's to report, not this one's.
  if (list.some((i) => !isClock(i.from) || !isClock(i.to))) return null;
  // Spans within one day's 0..48h axis (an overnight interval ends after 24:00).
  const spans = list.map((interval, index) => {
    const from = parseClock(interval.from);
    const to = parseClock(interval.to);
    return { index, from, to: to <= from ? to + 24 * 60 : to, empty: from === to };
  });
  const empty = spans.find((s) => s.empty);
  if (empty) return { index: empty.index, reason: 'empty_interval' };
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.from < prev.to) return { index: Math.max(prev.index, cur.index), reason: 'overlap' };
  }
  return null;
}

// Building a DateTimeFormat is costly and the zones are few; the cache holds
// no time, so the functions stay pure.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Local calendar date and minute of the day of `now` in an IANA zone (DST included). */
export function localDateAndMinute(
  timezone: string,
  now: number,
): { date: string; minute: number } {
  const parts = formatterFor(timezone).formatToParts(new Date(now));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  // `% 24`: some ICU versions print midnight as 24 even with h23.
  const minute = (Number(part('hour')) % 24) * 60 + Number(part('minute'));
  return { date: `${part('year')}-${part('month')}-${part('day')}`, minute };
}

/** The weekday of a YYYY-MM-DD date (a calendar fact, no zone involved). */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  const sundayFirst = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7]!;
}

/** The calendar date before a YYYY-MM-DD date. */
export function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

/** The intervals in force on a local date: its holiday's if it is one, else its weekday's. */
export function intervalsOn(hours: WorkingHours, date: string): OpenInterval[] {
  const holiday = hours.holidays?.find((h) => h.date === date);
  if (holiday) return intervalsOf(holiday.intervals);
  return intervalsOf(hours.days[weekdayOf(date)]);
}

/**
 * Whether `now` falls within the working hours. An interval belongs to the
 * date it starts on: "22:00"–"06:00" on Friday covers Saturday 00:00–06:00
 * too, even when Saturday is a closed holiday. null hours mean always open.
 * An unknown timezone throws — it is refused when the setting is saved.
 */
export function isWithinWorkingHours(hours: WorkingHours | null, now: number): boolean {
  if (hours === null) return true;
  const { date, minute } = localDateAndMinute(hours.timezone, now);
  for (const interval of intervalsOn(hours, date)) {
    const from = parseClock(interval.from);
    const to = parseClock(interval.to);
    if (from < to ? minute >= from && minute < to : from > to && minute >= from) return true;
  }
  for (const interval of intervalsOn(hours, previousDate(date))) {
    const from = parseClock(interval.from);
    const to = parseClock(interval.to);
    if (from > to && minute < to) return true;
  }
  return false;
}

/** The schedule that applies to a team: its own, or the account's when it has none. */
export function effectiveWorkingHours(
  accountHours: WorkingHours | null,
  teamHours: WorkingHours | null | undefined,
): WorkingHours | null {
  return teamHours ?? accountHours;
}
