// Who works in the demo shop and when its clients write (issue 18 § A demo that
// has lived). Plain data: the plan (plan.ts) draws a month of traffic from it.
// Local times are Moscow time (UTC+3, no DST since 2014), the shop's clock.

export const DEMO_UTC_OFFSET_MS = 3 * 3_600_000;

export type DemoChannel = 'widget' | 'telegram' | 'email';
export type DemoLanguage = 'ru' | 'uk' | 'en';
export type DemoTeam = 'sales' | 'support';
export type DemoTopic = 'Order status' | 'Delivery' | 'Returns' | 'Payment' | 'Spam';

export interface DemoOperatorProfile {
  /** The login's local part (`tatiana` → tatiana@demo.test). */
  key: string;
  name: string;
  role: 'admin' | 'supervisor' | 'operator';
  limit: number;
  teams: readonly DemoTeam[];
  languages: readonly DemoLanguage[];
  /** Multiplies every pause the operator takes: 0.7 is quick, 1.6 slow. */
  pace: number;
  /** Chance of each good habit the audit checks (greeting, name, question …). */
  quality: number;
  /** Shifts per local weekday (0 = Monday), hours [from, to). */
  shifts: Partial<Record<number, readonly [number, number]>>;
  /** Has a password: one of the printed demo logins. */
  login: boolean;
}

const WEEKDAYS = [0, 1, 2, 3, 4] as const;
const every = (days: readonly number[], from: number, to: number) =>
  Object.fromEntries(days.map((d) => [d, [from, to] as const]));

export const DEMO_OPERATORS: readonly DemoOperatorProfile[] = [
  {
    key: 'admin',
    name: 'Admin',
    role: 'admin',
    limit: 5,
    teams: ['sales', 'support'],
    languages: ['en', 'ru'],
    pace: 1,
    quality: 0.8,
    shifts: {},
    login: true,
  },
  {
    key: 'natalia',
    name: 'Natalia',
    role: 'supervisor',
    limit: 5,
    teams: ['sales', 'support'],
    languages: ['en', 'ru'],
    pace: 0.8,
    quality: 0.95,
    shifts: every(WEEKDAYS, 11, 15),
    login: true,
  },
  {
    key: 'tatiana',
    name: 'Tatiana',
    role: 'operator',
    limit: 5,
    teams: ['support'],
    languages: ['en', 'ru'],
    pace: 0.7,
    quality: 0.9,
    shifts: every(WEEKDAYS, 9, 18),
    login: true,
  },
  {
    key: 'maxim',
    name: 'Maxim',
    role: 'operator',
    limit: 5,
    teams: ['sales'],
    languages: ['en', 'ru'],
    pace: 0.9,
    quality: 0.65,
    shifts: { ...every(WEEKDAYS, 10, 19), 5: [10, 16] },
    login: true,
  },
  {
    key: 'ivan',
    name: 'Ivan',
    role: 'operator',
    limit: 2,
    teams: ['support'],
    languages: ['en', 'ru'],
    pace: 1.6,
    quality: 0.4,
    shifts: every([1, 2, 3, 4, 5], 13, 22),
    login: true,
  },
  {
    key: 'olena',
    name: 'Olena',
    role: 'operator',
    limit: 4,
    teams: ['support', 'sales'],
    languages: ['uk', 'ru', 'en'],
    pace: 1,
    quality: 0.85,
    shifts: every([0, 2, 4, 5, 6], 12, 21),
    login: false,
  },
  {
    key: 'sergey',
    name: 'Sergey',
    role: 'operator',
    limit: 3,
    teams: ['support'],
    languages: ['ru', 'en'],
    pace: 1.2,
    quality: 0.6,
    shifts: { 0: [8, 14], 5: [10, 20], 6: [10, 20] },
    login: false,
  },
];

/** Conversations on an average weekday, by channel. */
export const DAILY_ARRIVALS: Readonly<Record<DemoChannel, number>> = {
  widget: 30,
  telegram: 20,
  email: 10,
};

/** Monday … Sunday. */
export const WEEKDAY_FACTOR = [1.15, 1.05, 1, 1, 1.1, 0.7, 0.55] as const;

// Relative weight of each local hour, per channel: the site peaks at lunch and
// after work, Telegram in the evening, e-mail in office hours (and some at night).
const WIDGET_HOURS = [
  0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1.2, 2, 2.6, 3, 3.2, 2.8, 2.6, 2.6, 2.8, 3, 2.8, 2.4,
  2, 1.5, 1, 0.5,
];
const TELEGRAM_HOURS = [
  0.4, 0.2, 0.1, 0.05, 0.05, 0.1, 0.3, 0.7, 1.2, 1.6, 1.8, 2, 2.2, 2, 1.8, 1.8, 2, 2.4, 2.8, 3, 3,
  2.6, 1.8, 0.9,
];
const EMAIL_HOURS = [
  0.3, 0.2, 0.2, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3, 3, 2.8, 2.2, 2.4, 2.6, 2.4, 2, 1.6, 1, 0.8, 0.6,
  0.5, 0.4, 0.3,
];

function normalized(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

/** Share of a day's conversations in each local hour. */
export const HOURLY_SHARE: Readonly<Record<DemoChannel, readonly number[]>> = {
  widget: normalized(WIDGET_HOURS),
  telegram: normalized(TELEGRAM_HOURS),
  email: normalized(EMAIL_HOURS),
};

/** Which team a channel's conversations go to (the demo channels' default teams). */
export const CHANNEL_TEAM: Readonly<Record<DemoChannel, DemoTeam>> = {
  widget: 'support',
  telegram: 'support',
  email: 'sales',
};

/** Mean patience of a client nobody answers, seconds; e-mail writers wait. */
export const PATIENCE_S: Readonly<Record<DemoChannel, number | null>> = {
  widget: 240,
  telegram: 1200,
  email: null,
};

export const CLIENT_NAMES: Readonly<Record<DemoLanguage, readonly string[]>> = {
  ru: ['Андрей', 'Ольга', 'Дмитрий', 'Екатерина', 'Сергей', 'Мария', 'Игорь', 'Анна'],
  uk: ['Олександр', 'Оксана', 'Тарас', 'Наталія', 'Богдан', 'Ірина', 'Микола', 'Софія'],
  en: ['John', 'Emma', 'Michael', 'Sarah', 'David', 'Olivia', 'James', 'Lucy'],
};

/** Client languages: mostly Russian, a Ukrainian share, some English. */
export const LANGUAGE_SHARE: readonly [DemoLanguage, number][] = [
  ['ru', 0.6],
  ['uk', 0.25],
  ['en', 0.15],
];

export const TOPIC_SHARE: readonly [DemoTopic, number][] = [
  ['Order status', 0.32],
  ['Delivery', 0.24],
  ['Returns', 0.16],
  ['Payment', 0.2],
  ['Spam', 0.08],
];
