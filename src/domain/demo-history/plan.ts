// The demo's history as plain data, drawn from a seed: who comes online when,
// and which client writes what on which channel at which instant. What the
// operators then say depends on who the router gives the conversation to, so
// that part is a script drawn at assignment (script.ts). Pure and
// deterministic: the same seed and end instant give the same plan.
import { exponential, mulberry32 } from '../simulation/prng.js';
import {
  CHANNEL_TEAM,
  CLIENT_NAMES,
  DAILY_ARRIVALS,
  DEMO_OPERATORS,
  DEMO_UTC_OFFSET_MS,
  type DemoChannel,
  type DemoLanguage,
  type DemoOperatorProfile,
  type DemoTeam,
  type DemoTopic,
  HOURLY_SHARE,
  LANGUAGE_SHARE,
  PATIENCE_S,
  TOPIC_SHARE,
  WEEKDAY_FACTOR,
} from './profiles.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoClient {
  /** Stable per client, so returning clients are one contact. */
  key: string;
  /** null: a guest who never gave a name (the operator asks it). */
  name: string | null;
  language: DemoLanguage;
}

export interface DemoArrival {
  /** Index in the plan, also the seed of the conversation's own draws. */
  index: number;
  at: number;
  channel: DemoChannel;
  team: DemoTeam;
  client: DemoClient;
  topic: DemoTopic;
  /** The client leaves unanswered after this long; null waits for an answer. */
  patienceMs: number | null;
  /** The first operator passes it on to sales after the first exchange. */
  transfer: boolean;
}

export interface DemoStatusChange {
  at: number;
  operator: string;
  /** 'leave': the shift ends — away at once (no new chats), offline once their chats are done. */
  status: 'online' | 'away' | 'leave';
}

export interface DemoPlan {
  from: number;
  to: number;
  operators: readonly DemoOperatorProfile[];
  /** Shift starts, lunch breaks and shift ends, in time order. */
  statusChanges: DemoStatusChange[];
  arrivals: DemoArrival[];
}

export interface DemoPlanInput {
  seed: number;
  days: number;
  /** ms epoch the history ends at (the seed's "now"). */
  end: number;
  /** Scales every channel's daily volume (1 = the shop's usual traffic). */
  volume?: number;
}

function pick<T>(random: () => number, shares: readonly (readonly [T, number])[]): T {
  let u = random();
  for (const [value, share] of shares) {
    u -= share;
    if (u < 0) return value;
  }
  return shares[shares.length - 1]![0];
}

/** Poisson draw by inversion (small means only: a channel's hour). */
function poisson(random: () => number, mean: number): number {
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = random();
  while (u > cdf && k < 1000) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** Local midnight (Moscow time) at or before `at`. */
export function localMidnight(at: number): number {
  return Math.floor((at + DEMO_UTC_OFFSET_MS) / DAY) * DAY - DEMO_UTC_OFFSET_MS;
}

/** 0 = Monday … 6 = Sunday, in the shop's time. */
export function localWeekday(at: number): number {
  return (Math.floor((at + DEMO_UTC_OFFSET_MS) / DAY) + 3) % 7;
}

function shiftChanges(
  random: () => number,
  firstDay: number,
  days: number,
  end: number,
): DemoStatusChange[] {
  const changes: DemoStatusChange[] = [];
  for (let d = 0; d < days; d += 1) {
    const midnight = firstDay + d * DAY;
    const weekday = localWeekday(midnight);
    for (const [n, op] of DEMO_OPERATORS.entries()) {
      const shift = op.shifts[weekday];
      if (!shift) continue;
      // A day off now and then (sick, holiday), and nobody starts on the second.
      if (random() < 0.06) continue;
      // Distinct minutes per operator: two people never come online at one instant.
      const start = midnight + shift[0] * HOUR + (n * 2 + Math.floor(random() * 8)) * 60_000;
      const stop = midnight + shift[1] * HOUR + Math.floor(random() * 10) * 60_000;
      if (start >= end - 2 * HOUR) continue;
      const leave = Math.min(stop, end - HOUR);
      changes.push({ at: start, operator: op.key, status: 'online' });
      const lunch = midnight + (shift[0] + 4) * HOUR + Math.floor(random() * 30) * 60_000;
      if (shift[1] - shift[0] >= 6 && lunch + 30 * 60_000 < leave) {
        changes.push({ at: lunch, operator: op.key, status: 'away' });
        changes.push({ at: lunch + 30 * 60_000, operator: op.key, status: 'online' });
      }
      changes.push({ at: leave, operator: op.key, status: 'leave' });
    }
  }
  return changes.sort((a, b) => a.at - b.at || a.operator.localeCompare(b.operator));
}

function clientPool(random: () => number, size: number): DemoClient[] {
  return Array.from({ length: size }, (_, i) => {
    const language = pick(random, LANGUAGE_SHARE);
    const names = CLIENT_NAMES[language];
    const named = random() < 0.75;
    return {
      key: `client-${i}`,
      name: named ? names[Math.floor(random() * names.length)]! : null,
      language,
    };
  });
}

/**
 * `days` whole local days ending at the local midnight before `end`, plus
 * today up to an hour before `end`. Arrivals stop 1 h before `end`, so every
 * conversation can finish before "now".
 */
export function planDemoHistory(input: DemoPlanInput): DemoPlan {
  const random = mulberry32(input.seed);
  const volume = input.volume ?? 1;
  const firstDay = localMidnight(input.end) - input.days * DAY;
  const lastArrival = input.end - HOUR;
  const statusChanges = shiftChanges(random, firstDay, input.days + 1, input.end);
  const firstOnline = statusChanges[0]?.at ?? firstDay;
  const clients = clientPool(random, Math.max(20, Math.round(input.days * 40 * volume)));
  const arrivals: DemoArrival[] = [];
  const channels = Object.keys(DAILY_ARRIVALS) as DemoChannel[];
  for (let d = 0; d <= input.days; d += 1) {
    const midnight = firstDay + d * DAY;
    const factor = WEEKDAY_FACTOR[localWeekday(midnight)]! * volume;
    for (let h = 0; h < 24; h += 1) {
      for (const channel of channels) {
        const mean = DAILY_ARRIVALS[channel] * factor * HOURLY_SHARE[channel][h]!;
        const n = poisson(random, mean);
        for (let k = 0; k < n; k += 1) {
          const at = midnight + h * HOUR + Math.floor(random() * HOUR);
          // Start after the first operator, so the history opens with someone on duty.
          if (at > lastArrival || at <= firstOnline) continue;
          const client = clients[Math.floor(random() * clients.length)]!;
          const topic = pick(random, TOPIC_SHARE);
          const patience = PATIENCE_S[channel];
          arrivals.push({
            index: 0,
            at,
            channel,
            team: CHANNEL_TEAM[channel],
            client,
            topic,
            patienceMs:
              patience === null ? null : Math.round(exponential(random, patience * 1000) + 20_000),
            transfer: CHANNEL_TEAM[channel] === 'support' && topic === 'Payment' && random() < 0.3,
          });
        }
      }
    }
  }
  // Each operator's first minute brings a chat of their team: the router breaks
  // a tie between two never-assigned operators by id, and ids are random, so
  // without this the same seed could route the first chats differently.
  const seen = new Set<string>();
  for (const change of statusChanges) {
    if (change.status !== 'online' || seen.has(change.operator)) continue;
    seen.add(change.operator);
    const op = DEMO_OPERATORS.find((o) => o.key === change.operator)!;
    const channel: DemoChannel = op.teams[0] === 'sales' ? 'email' : 'widget';
    arrivals.push({
      index: 0,
      at: change.at + 2000,
      channel,
      team: CHANNEL_TEAM[channel],
      client: clients[arrivals.length % clients.length]!,
      topic: 'Order status',
      patienceMs: null,
      transfer: false,
    });
  }
  arrivals.sort((a, b) => a.at - b.at || a.channel.localeCompare(b.channel));
  arrivals.forEach((a, i) => {
    a.index = i;
  });
  return {
    from: firstDay,
    to: input.end,
    operators: DEMO_OPERATORS,
    statusChanges,
    arrivals,
  };
}
