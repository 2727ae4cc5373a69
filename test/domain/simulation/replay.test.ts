import { describe, expect, it } from 'vitest';
import { replayPeriod } from '../../../src/domain/simulation/replay.js';
import { syntheticHistory } from '../../../src/domain/simulation/replay-traffic.js';
import type { ReplayInput } from '../../../src/domain/simulation/replay-types.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 9);

/** Two operators of limit 1, four chats: the waits can be worked out by hand. */
function handMade(): ReplayInput {
  const conv = (id: string, at: number, handleMin: number, actualWaitMin: number) => ({
    id,
    queuedAt: T0 + at * 60_000,
    channelId: 'chat',
    priority: 1,
    teamId: null,
    language: null,
    handleMs: handleMin * 60_000,
    replyAfterMs: 10_000,
    patienceMs: null,
    actual: {
      waitMs: actualWaitMin * 60_000,
      firstResponseMs: actualWaitMin * 60_000 + 10_000,
      abandoned: false,
      operatorId: null,
    },
  });
  return {
    from: T0,
    to: T0 + HOUR,
    // 0: Natalia free, 0 wait; 1: Tatiana free, 0; 2: both busy until 10 → waits 8; 3: waits 18.
    conversations: [
      conv('a', 0, 10, 0),
      conv('b', 1, 20, 0),
      conv('c', 2, 10, 8),
      conv('d', 3, 5, 17),
    ],
    operators: ['natalia', 'tatiana'].map((id) => ({
      id,
      name: id,
      limit: 1,
      teamIds: [],
      languages: [],
      online: [[T0 - HOUR, T0 + 2 * HOUR]] as const,
    })),
    teams: [],
    accountPolicy: { mode: 'least_loaded', languageRouting: false, languageTimeoutMs: 0 },
    slaSeconds: 60,
    utcOffsetMinutes: 0,
    seed: 1,
  };
}

describe('the what-if replay', () => {
  it('gives back a known history when nothing is changed', () => {
    const result = replayPeriod(handMade());
    expect(result.replay.totals).toEqual(result.actual.totals);
    expect(result.replay.totals.avgWaitS).toBe(((0 + 0 + 8 + 17) * 60) / 4);
    expect(result.replay.totals.serviceLevel).toBe(0.5);
  });

  it('gives back the simulation’s own traffic, waits and abandons included', () => {
    const input = syntheticHistory({
      seed: 7,
      days: 2,
      operators: 6,
      limit: 2,
      peakPerHour: 70,
      ahtMs: 600_000,
      replyMs: 20_000,
      impatientShare: 0.3,
      patienceMs: 300_000,
    });
    const { actual, replay } = replayPeriod(input);
    expect(actual.totals.conversations).toBeGreaterThan(1000);
    expect(actual.totals.abandoned).toBeGreaterThan(0);
    expect(replay.totals).toEqual(actual.totals);
  });

  it('never lowers the service level when more operators are online', () => {
    for (const seed of [1, 2, 3]) {
      const input = syntheticHistory({
        seed,
        days: 1,
        operators: 4,
        limit: 2,
        peakPerHour: 60,
        ahtMs: 600_000,
        replyMs: 15_000,
        impatientShare: 0.2,
        patienceMs: 240_000,
      });
      let previous = -1;
      for (let n = 1; n <= 10; n += 1) {
        const { replay } = replayPeriod(input, { operatorsPerHour: Array(24).fill(n) });
        const level = replay.totals.serviceLevel!;
        expect(level, `seed ${seed}, ${n} operators`).toBeGreaterThanOrEqual(previous);
        previous = level;
      }
      expect(previous).toBeGreaterThan(0.9);
    }
  });

  it('is deterministic: the same period and settings give the same answer, random mode too', () => {
    const input = syntheticHistory({
      seed: 3,
      days: 1,
      operators: 5,
      limit: 3,
      peakPerHour: 80,
      ahtMs: 500_000,
      replyMs: 15_000,
      impatientShare: 0.2,
      patienceMs: 240_000,
    });
    const settings = { mode: 'random' as const, limits: { 'op-000': 1 } };
    expect(replayPeriod(input, settings)).toEqual(replayPeriod(input, settings));
  });

  it('raises limits and moves priorities as asked', () => {
    const input = handMade();
    const more = replayPeriod(input, { limits: { natalia: 3, tatiana: 3 } });
    expect(more.replay.totals.avgWaitS).toBe(0);
    expect(more.replay.totals.serviceLevel).toBe(1);
    const stricter = replayPeriod(input, { slaSeconds: 5 });
    expect(stricter.replay.totals.serviceLevel).toBe(0);
  });

  it('tops an hour up with stand-ins and reports their occupancy', () => {
    const { replay } = replayPeriod(handMade(), { operatorsPerHour: Array(24).fill(4) });
    const standIns = replay.operators.filter((o) => o.virtual);
    expect(standIns).toHaveLength(2);
    expect(replay.totals.avgWaitS).toBe(0);
    expect(replay.hours[0]!.operatorsOnline).toBe(4);
  });
});
