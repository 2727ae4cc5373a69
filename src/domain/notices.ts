/**
 * Automatic notices to the client when nobody can answer right away
 * (DESIGN §2, last paragraph; issue 3): which notice applies, its text in the
 * client's language with the channel's own wording if set (whether it is
 * within working hours: working-hours.ts). Sending it once, not spamming, is the
 * caller's job; this module only decides and renders.
 */

export type NoticeKind =
  | 'queued'
  | 'no_one_online'
  | 'outside_hours'
  | 'idle_warning'
  | 'idle_closed';

export interface NoticeVars {
  position?: number;
  /** Estimated wait in whole minutes. */
  wait?: number;
}

/**
 * The placeholders an admin may put in a notice, written `{name}` in the
 * text. Which notice offers which: the queue notice knows the position and
 * the wait; the others know neither.
 */
export const NOTICE_PLACEHOLDERS = ['position', 'wait'] as const;
export type NoticePlaceholder = (typeof NOTICE_PLACEHOLDERS)[number];
export const PLACEHOLDERS_OF: Record<NoticeKind, readonly NoticePlaceholder[]> = {
  queued: ['position', 'wait'],
  no_one_online: [],
  outside_hours: [],
  idle_warning: [],
  idle_closed: [],
};

/** Per kind, per language code: the channel's own wording. */
export type NoticeOverrides = Partial<Record<NoticeKind, Partial<Record<string, string>>>>;

/** Language used when neither the channel nor the defaults have the client's. */
export const FALLBACK_NOTICE_LANGUAGE = 'en';

/**
 * Default texts, plain text with `{name}` placeholders. A sentence naming a
 * value that is not known is left out, so a missing position never renders
 * as "You are # in line".
 */
export const DEFAULT_NOTICES: Record<NoticeKind, Record<string, string>> = {
  queued: {
    en: 'You are #{position} in line. An operator will reply as soon as possible. Estimated wait: about {wait} min.',
    ru: 'Вы {position}-й в очереди. Оператор ответит как можно скорее. Примерное время ожидания: {wait} мин.',
    uk: 'Ви {position}-й у черзі. Оператор відповість якнайшвидше. Орієнтовний час очікування: {wait} хв.',
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
  // Auto-close (src/domain/care/auto-close.ts): the minute's warning, then the close.
  idle_warning: {
    en: 'Are you still there? This conversation will be closed in a minute due to inactivity. Write anything to keep it open.',
    ru: 'Вы ещё здесь? Через минуту этот диалог будет закрыт из-за отсутствия активности. Напишите что-нибудь, чтобы продолжить.',
    uk: 'Ви ще тут? За хвилину цей діалог буде закрито через відсутність активності. Напишіть будь-що, щоб продовжити.',
  },
  idle_closed: {
    en: 'This conversation was closed due to inactivity. Write to us again any time.',
    ru: 'Диалог закрыт из-за отсутствия активности. Напишите нам снова в любое время.',
    uk: 'Діалог закрито через відсутність активності. Напишіть нам знову будь-коли.',
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
  // `estimatedWaitMin` is the name texts saved before plain placeholders used.
  const value =
    name === 'position'
      ? vars.position
      : name === 'wait' || name === 'estimatedWaitMin'
        ? vars.wait
        : undefined;
  return value === undefined || !Number.isFinite(value) ? undefined : String(value);
}

// A sentence: up to and including its closing punctuation and the space after.
const SENTENCE = /[^.!?…]+(?:[.!?…]+|$)\s*/gu;
const PLACEHOLDER = /\{\{?\s*(\w+)\s*\}?\}/g;

/**
 * Fills `{name}` placeholders. A sentence naming a value that is not known is
 * left out whole; an unknown name is left as typed, so a mistake shows in the
 * preview rather than vanishing. Texts saved in the earlier `{{name}}` /
 * `{{#name}}…{{/name}}` form still render.
 */
export function fillTemplate(template: string, vars: NoticeVars): string {
  const legacy = template.replace(
    /\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g,
    (_match, name: string, body: string) => (varValue(vars, name) === undefined ? '' : body),
  );
  const sentences = legacy.match(SENTENCE) ?? [];
  return sentences
    .filter((sentence) =>
      [...sentence.matchAll(PLACEHOLDER)].every(
        (m) => !isPlaceholderName(m[1]!) || varValue(vars, m[1]!) !== undefined,
      ),
    )
    .map((sentence) =>
      sentence.replace(PLACEHOLDER, (match, name: string) =>
        isPlaceholderName(name) ? (varValue(vars, name) ?? '') : match,
      ),
    )
    .join('')
    .trim();
}

/**
 * A text saved in the earlier `{{name}}` / `{{#name}}…{{/name}}` form, written
 * with plain placeholders for editing (a section's sentence then drops out by
 * the sentence rule instead).
 */
export function toPlainNotice(text: string): string {
  return text
    .replace(/\{\{[#/]\w+\}\}/g, '')
    .replace(/\{\{\s*estimatedWaitMin\s*\}\}/g, '{wait}')
    .replace(/\{\{\s*(\w+)\s*\}\}/g, '{$1}');
}

function isPlaceholderName(name: string): boolean {
  return name === 'position' || name === 'wait' || name === 'estimatedWaitMin';
}
