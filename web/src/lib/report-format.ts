// Display of report values in the interface language, all through Intl:
// durations ("29,2 с", "1 мин 05 с"), shares ("75 %"), counts ("1 234"),
// days ("12 дек.") and the period a chart point covers. Null (undefined
// metric) shows as a dash, never as 0. Units are translated here, beside the
// number formats, so every page abbreviates them the same way.

export const DASH = '—';
/** Between a number and its unit, so "29,2 с" never breaks across lines. */
const NBSP = '\u00a0';

export type TimeBucket = 'hour' | 'day' | 'week';

interface Units {
  h: string;
  min: string;
  s: string;
}

const UNITS: Record<string, Units> = {
  en: { h: 'h', min: 'min', s: 's' },
  ru: { h: 'ч', min: 'мин', s: 'с' },
};

function units(lang: string): Units {
  return UNITS[lang.slice(0, 2)] ?? (UNITS.en as Units);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, opts);
    numberFormats.set(key, f);
  }
  return f;
}

/** "1,234" / "1 234"; fractions only when the value has them (at most one digit). */
export function formatCount(n: number | null, lang: string): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  return numberFormat(lang, { maximumFractionDigits: 1 }).format(n);
}

/**
 * A duration given in seconds: "4.2 s" / "4,2 с" under a minute (one decimal
 * at most), "1 min 05 s" / "1 мин 05 с" under an hour, "1 h 02 min" above
 * (seconds no longer matter there).
 */
export function formatSeconds(s: number | null, lang: string): string {
  if (s === null || !Number.isFinite(s)) return DASH;
  const u = units(lang);
  const value = Math.max(0, s);
  if (value < 59.95) {
    return `${numberFormat(lang, { maximumFractionDigits: 1 }).format(value)}${NBSP}${u.s}`;
  }
  const whole = Math.round(value);
  const pad = (n: number) => numberFormat(lang, { minimumIntegerDigits: 2 }).format(n);
  const count = (n: number) => numberFormat(lang, {}).format(n);
  if (whole < 3600) {
    const m = Math.floor(whole / 60);
    return `${count(m)}${NBSP}${u.min} ${pad(whole % 60)}${NBSP}${u.s}`;
  }
  const minutes = Math.round(whole / 60);
  return `${count(Math.floor(minutes / 60))}${NBSP}${u.h} ${pad(minutes % 60)}${NBSP}${u.min}`;
}

/** The unit a seconds axis is labelled with ("s" / "с"). */
export function secondsUnit(lang: string): string {
  return units(lang).s;
}

/** A share 0..1 as a whole percentage: "75%" / "75 %". */
export function formatShare(share: number | null, lang: string): string {
  if (share === null || !Number.isFinite(share)) return DASH;
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

function dateFormat(lang: string, opts: Intl.DateTimeFormatOptions, timeZone: string) {
  try {
    return new Intl.DateTimeFormat(lang, { ...opts, timeZone });
  } catch {
    // An unknown zone name: UTC rather than a broken page.
    return new Intl.DateTimeFormat(lang, { ...opts, timeZone: 'UTC' });
  }
}

/** "Dec 12" / "12 дек." in the given zone. */
export function formatDay(ms: number, lang: string, timeZone: string): string {
  return dateFormat(lang, { day: 'numeric', month: 'short' }, timeZone).format(ms);
}

/** The locale's own clock: "9:15 AM" in English, "09:15" in Russian. */
function clock(lang: string): Intl.DateTimeFormatOptions {
  return { hour: lang.startsWith('en') ? 'numeric' : '2-digit', minute: '2-digit' };
}

/** "14:00" / "2:00 PM" in the given zone. */
export function formatClock(ms: number, lang: string, timeZone: string): string {
  return dateFormat(lang, clock(lang), timeZone).format(ms);
}

/** "Dec 12, 14:05" / "12 дек., 14:05" — a moment in a list (drill-downs). */
export function formatDayTime(ms: number, lang: string, timeZone: string): string {
  return dateFormat(lang, { day: 'numeric', month: 'short', ...clock(lang) }, timeZone).format(ms);
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The period a bucket starting at `ms` covers, for tooltips and table rows:
 * hour "Dec 12, 14:00 – 15:00", day "Fri, Dec 12", week "Dec 8 – 14".
 */
export function formatPeriod(
  ms: number,
  bucket: TimeBucket,
  lang: string,
  timeZone: string,
): string {
  if (bucket === 'hour') {
    const day = formatDay(ms, lang, timeZone);
    return `${day}, ${formatClock(ms, lang, timeZone)}–${formatClock(ms + HOUR_MS, lang, timeZone)}`;
  }
  if (bucket === 'day') {
    return dateFormat(lang, { weekday: 'short', day: 'numeric', month: 'short' }, timeZone).format(
      ms,
    );
  }
  // The week's last day is 6 days after its start (DST moves it by an hour at most).
  const range = dateFormat(lang, { day: 'numeric', month: 'short' }, timeZone);
  return range.formatRange(ms, ms + 6 * DAY_MS + 12 * HOUR_MS);
}

/** A value of the given unit, as every table and chart shows it. */
export type ValueUnit = 'count' | 'seconds' | 'share';

export function formatValue(v: number | null, unit: ValueUnit, lang: string): string {
  if (unit === 'seconds') return formatSeconds(v, lang);
  if (unit === 'share') return formatShare(v, lang);
  return formatCount(v, lang);
}

/** The zone's offset from UTC at `ms`, in milliseconds (UTC for an unknown zone). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = dateFormat(
    'en-US',
    {
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    },
    timeZone,
  ).formatToParts(ms);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local calendar day ("2026-03-10", as reports keyed by local
 * date send it) starts in `timeZone`; NaN when the text is not such a date.
 */
export function localDayStart(date: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const first = wall - zoneOffsetMs(wall, timeZone);
  // Once more at the guessed instant, in case the offset changes that night.
  return wall - zoneOffsetMs(first, timeZone);
}
