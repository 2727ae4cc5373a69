// The simulation's own traffic for the replay: a seeded history of one team,
// every operator online all period with the same limit, Poisson arrivals with
// a daily shape, exponential handling, some impatient clients. What
// "actually happened" is worked out independently of the router: with one
// queue served first come, first served and interchangeable slots, a
// conversation starts when the earliest slot frees (the Kiefer–Wolfowitz
// recursion), whoever holds it. A replay of unchanged settings must give back
// exactly these waits — the test of the replay's bookkeeping — and the bench
// replays a week of it for 50 operators.
import { EventHeap } from './event-heap.js';
import { exponential, mulberry32 } from './prng.js';
import type { ReplayConversation, ReplayInput } from './replay-types.js';

const HOUR = 3_600_000;

export interface TrafficInput {
  seed: number;
  days: number;
  operators: number;
  limit: number;
  /** Arrivals in the busiest hour; the others follow a day-time curve. */
  peakPerHour: number;
  ahtMs: number;
  replyMs: number;
  /** Share of clients who give up after an exponential patience of this mean. */
  impatientShare: number;
  patienceMs: number;
  slaSeconds?: number;
  from?: number;
}

/** 0.15 at night to 1 at 14:00. */
function dayShape(hour: number): number {
  return 0.15 + 0.85 * Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI)) ** 1.5;
}

export function syntheticHistory(t: TrafficInput): ReplayInput {
  const random = mulberry32(t.seed);
  const from = t.from ?? Date.UTC(2026, 10, 2);
  const to = from + t.days * 24 * HOUR;
  const arrivals: number[] = [];
  for (let start = from; start < to; start += HOUR) {
    const rate = t.peakPerHour * dayShape(new Date(start).getUTCHours());
    let at = start + exponential(random, HOUR / rate);
    while (at < start + HOUR) {
      arrivals.push(Math.round(at));
      at += exponential(random, HOUR / rate);
    }
  }
  // Slots free at, earliest first: first come, first served on any free slot.
  const slots = new EventHeap<{ at: number }>();
  for (let i = 0; i < t.operators * t.limit; i += 1) slots.push({ at: from });
  const conversations: ReplayConversation[] = arrivals.map((queuedAt, i) => {
    const handleMs = Math.max(1000, Math.round(exponential(random, t.ahtMs)));
    const replyAfterMs = Math.min(handleMs, Math.round(exponential(random, t.replyMs)));
    const patienceMs =
      random() < t.impatientShare ? Math.round(exponential(random, t.patienceMs)) : null;
    const slot = slots.peek()!;
    const start = Math.max(queuedAt, slot.at);
    const base = {
      id: `c${String(i).padStart(7, '0')}`,
      queuedAt,
      channelId: 'chat',
      priority: 1,
      teamId: null,
      language: null,
    };
    if (patienceMs !== null && start - queuedAt > patienceMs) {
      // Gave up in the queue: took no slot.
      return {
        ...base,
        handleMs: null,
        replyAfterMs: null,
        patienceMs,
        actual: { waitMs: null, firstResponseMs: null, abandoned: true, operatorId: null },
      };
    }
    slots.pop();
    const waitMs = start - queuedAt;
    const gaveUp = patienceMs !== null && waitMs + replyAfterMs > patienceMs;
    slots.push({ at: gaveUp ? queuedAt + patienceMs! : start + handleMs });
    return {
      ...base,
      handleMs: gaveUp ? queuedAt + patienceMs! - start : handleMs,
      replyAfterMs: gaveUp ? null : replyAfterMs,
      patienceMs: gaveUp ? patienceMs : null,
      actual: {
        waitMs,
        firstResponseMs: gaveUp ? null : waitMs + replyAfterMs,
        abandoned: gaveUp,
        // Which slot is whose is the router's business; occupancy is compared in total.
        operatorId: null,
      },
    };
  });
  return {
    from,
    to,
    conversations,
    operators: Array.from({ length: t.operators }, (_, i) => ({
      id: `op-${String(i).padStart(3, '0')}`,
      name: `Operator ${i + 1}`,
      limit: t.limit,
      teamIds: [],
      languages: [],
      online: [[from, to + 30 * 24 * HOUR]] as const,
    })),
    teams: [],
    accountPolicy: { mode: 'least_loaded', languageRouting: false, languageTimeoutMs: 0 },
    slaSeconds: t.slaSeconds ?? 60,
    utcOffsetMinutes: 0,
    seed: t.seed,
  };
}
