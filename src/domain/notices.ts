/**
 * Automatic notices to the client when nobody can answer right away
 * (DESIGN §2, last paragraph; issue 3): which notice applies, its text in the
 * client's language with the channel's own wording if set, and whether the
 * channel is within working hours. Sending it once, not spamming, is the
 * caller's job; this module only decides and renders.
 */

export type NoticeKind = 'queued' | 'no_one_online' | 'outside_hours';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface WorkingHours {
  /** IANA zone of the team's clock, e.g. "Europe/Kyiv". */
  timezone: string;
  /** Opening hours per local weekday; a day that is absent or empty is closed. */
  days: Partial<Record<Weekday, { from: string; to: string }>>;
}

export interface NoticeVars {
  position?: number;
  estimatedWaitMin?: number;
}

/** Per kind, per language code: the channel's own wording. */
export type NoticeOverrides = Partial<Record<NoticeKind, Partial<Record<string, string>>>>;

/** Language used when neither the channel nor the defaults have the client's. */
export const FALLBACK_NOTICE_LANGUAGE = 'en';

/**
 * Default texts. `{{name}}` is replaced by a variable; `{{#name}}…{{/name}}`
 * is kept only when the variable is known, so a missing position never
 * renders as "You are # in line".
 */
export const DEFAULT_NOTICES: Record<NoticeKind, Record<string, string>> = {
  queued: {
    en: '{{#position}}You are #{{position}} in line. {{/position}}An operator will reply as soon as possible.{{#estimatedWaitMin}} Estimated wait: about {{estimatedWaitMin}} min.{{/estimatedWaitMin}}',
    ru: '{{#position}}Вы {{position}}-й в очереди. {{/position}}Оператор ответит как можно скорее.{{#estimatedWaitMin}} Примерное время ожидания: {{estimatedWaitMin}} мин.{{/estimatedWaitMin}}',
    uk: '{{#position}}Ви {{position}}-й у черзі. {{/position}}Оператор відповість якнайшвидше.{{#estimatedWaitMin}} Орієнтовний час очікування: {{estimatedWaitMin}} хв.{{/estimatedWaitMin}}',
  },
  no_one_online: {
    en: 'All operators are offline right now. Leave your message and we will reply as soon as someone is back.',
    ru: 'Сейчас все операторы не в сети. Оставьте сообщение, и мы ответим, как только кто-нибудь вернётся.',
    uk: 'Зараз усі оператори не в мережі. Залиште повідомлення, і ми відповімо, щойно хтось повернеться.',
  },
  outside_hours: {
    en: 'We are outside working hours now. Leave your message and we will reply when we open.',
    ru: 'Сейчас нерабочее время. Оставьте сообщение, и мы ответим, когда начнём работу.',
    uk: 'Зараз неробочий час. Залиште повідомлення, і ми відповімо, коли почнемо роботу.',
  },
};

/**
 * Which notice the client gets, or null when none is due. A conversation that
 * is not waiting (`position` null: it was assigned at once) gets nothing.
 * Otherwise the most useful explanation wins: outside working hours says when
 * to expect a reply, no one online says nobody is there, and only then the
 * queue position is worth telling.
 */
export function chooseNotice(input: {
  onlineOperators: number;
  withinHours: boolean;
  position: number | null;
}): NoticeKind | null {
  if (input.position === null) return null;
  if (!input.withinHours) return 'outside_hours';
  if (input.onlineOperators <= 0) return 'no_one_online';
  return 'queued';
}

/**
 * The text of a notice in `lang` ("uk", or a tag like "uk-UA"). Preference:
 * the channel's text in the client's language, the default in the client's
 * language, the channel's text in the fallback language, the default in the
 * fallback language — a client is better served by a default in their own
 * language than by the channel's custom text in another.
 */
export function renderNotice(
  kind: NoticeKind,
  lang: string,
  vars: NoticeVars,
  overrides?: NoticeOverrides,
): string {
  const base = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  const custom = overrides?.[kind];
  const defaults = DEFAULT_NOTICES[kind];
  const template =
    nonEmpty(custom?.[lang]) ??
    nonEmpty(custom?.[base]) ??
    defaults[base] ??
    nonEmpty(custom?.[FALLBACK_NOTICE_LANGUAGE]) ??
    defaults[FALLBACK_NOTICE_LANGUAGE] ??
    '';
  return fillTemplate(template, vars);
}

function nonEmpty(text: string | undefined): string | undefined {
  // An admin clearing a field means "use the default", not "send nothing".
  return text !== undefined && text.trim() !== '' ? text : undefined;
}

function varValue(vars: NoticeVars, name: string): string | undefined {
  const value =
    name === 'position'
      ? vars.position
      : name === 'estimatedWaitMin'
        ? vars.estimatedWaitMin
        : undefined;
  return value === undefined || !Number.isFinite(value) ? undefined : String(value);
}

/** `{{#name}}…{{/name}}` sections first, then `{{name}}`; unknown names render empty. */
export function fillTemplate(template: string, vars: NoticeVars): string {
  const withSections = template.replace(
    /\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g,
    (_match, name: string, body: string) => (varValue(vars, name) === undefined ? '' : body),
  );
  return withSections
    .replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => varValue(vars, name) ?? '')
    .trim();
}

const WEEKDAYS: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};
const PREVIOUS_DAY: Record<Weekday, Weekday> = {
  mon: 'sun',
  tue: 'mon',
  wed: 'tue',
  thu: 'wed',
  fri: 'thu',
  sat: 'fri',
  sun: 'sat',
};

// Building a DateTimeFormat is costly and the zones are few; the cache holds
// no time, so the functions stay pure.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Local weekday and minute of the day of `now` in an IANA zone (DST included). */
export function localWeekdayAndMinute(
  timezone: string,
  now: number,
): { day: Weekday; minute: number } {
  const parts = formatterFor(timezone).formatToParts(new Date(now));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAYS[part('weekday')];
  if (day === undefined) throw new Error(`unexpected weekday from Intl: ${part('weekday')}`);
  // `% 24`: some ICU versions print midnight as 24 even with h23.
  return { day, minute: (Number(part('hour')) % 24) * 60 + Number(part('minute')) };
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

/**
 * Whether `now` falls within the working hours. `from` is inclusive, `to`
 * exclusive. A range whose `to` is earlier than its `from` runs past midnight
 * ("22:00"–"06:00" on Friday covers Saturday 00:00–06:00 too); equal `from`
 * and `to` is an empty range. null hours mean always open. An unknown
 * timezone throws — it must be rejected when the setting is saved.
 */
export function isWithinWorkingHours(hours: WorkingHours | null, now: number): boolean {
  if (hours === null) return true;
  const { day, minute } = localWeekdayAndMinute(hours.timezone, now);

  const today = rangeOf(hours.days[day]);
  if (today !== null) {
    const { from, to } = today;
    if (from < to ? minute >= from && minute < to : from > to && minute >= from) return true;
  }
  const yesterday = rangeOf(hours.days[PREVIOUS_DAY[day]]);
  return yesterday !== null && yesterday.from > yesterday.to && minute < yesterday.to;
}

/** A day's range in minutes, or null for a closed day (absent, or saved with blank times). */
function rangeOf(
  entry: { from: string; to: string } | undefined,
): { from: number; to: number } | null {
  if (entry === undefined || entry.from.trim() === '' || entry.to.trim() === '') return null;
  return { from: parseClock(entry.from), to: parseClock(entry.to) };
}
