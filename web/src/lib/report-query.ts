// Report filters → query strings. The same string feeds the JSON request and
// the CSV link, so a download always matches the table on screen.

export type PeriodPreset = 'today' | '7d' | '30d' | '90d' | 'custom';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['today', '7d', '30d', '90d', 'custom'];

export interface ReportFilters {
  preset: PeriodPreset;
  /** `YYYY-MM-DD` days in the browser's zone, used when preset is custom; `to` is inclusive here. */
  fromDay: string;
  toDay: string;
  channelId: string;
  teamId: string;
  operatorId: string;
}

export const EMPTY_FILTERS: ReportFilters = {
  preset: '7d',
  fromDay: '',
  toDay: '',
  channelId: '',
  teamId: '',
  operatorId: '',
};

const DAY_MS = 86_400_000;
const PRESET_DAYS: Record<Exclude<PeriodPreset, 'today' | 'custom'>, number> = {
  '7d': 7,
  '30d': 30,
  '90d': 90,
};

function localDayStart(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** `YYYY-MM-DD` of a moment in the browser's zone (for date inputs). */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The period as ISO instants, `to` exclusive as the API expects. A custom
 * range covers whole days: from the start of `fromDay` to the start of the day
 * after `toDay`. Null when a custom day is missing or the range is empty.
 */
export function periodRange(f: ReportFilters, now: number): { from: string; to: string } | null {
  if (f.preset === 'custom') {
    const from = localDayStart(f.fromDay);
    const last = localDayStart(f.toDay);
    if (!from || !last) return null;
    const to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
    if (to <= from) return null;
    return { from: from.toISOString(), to: to.toISOString() };
  }
  const to = new Date(now).toISOString();
  if (f.preset === 'today') {
    const d = new Date(now);
    return { from: new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString(), to };
  }
  return { from: new Date(now - PRESET_DAYS[f.preset] * DAY_MS).toISOString(), to };
}

export type QueryExtra = Record<string, string | number | null | undefined>;

/** `from`, `to` and the chosen ids, plus endpoint-specific parameters; empty values are left out. */
export function reportQuery(f: ReportFilters, now: number, extra: QueryExtra = {}): string {
  const params = new URLSearchParams();
  const range = periodRange(f, now);
  if (range) {
    params.set('from', range.from);
    params.set('to', range.to);
  }
  if (f.channelId) params.set('channelId', f.channelId);
  if (f.teamId) params.set('teamId', f.teamId);
  if (f.operatorId) params.set('operatorId', f.operatorId);
  for (const [key, value] of Object.entries(extra))
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** The download URL of a table endpoint: the same query plus `format=csv`. */
export function csvUrl(path: string, query: string): string {
  const q = new URLSearchParams(query);
  q.set('format', 'csv');
  return `/api/v1${path}?${q.toString()}`;
}
