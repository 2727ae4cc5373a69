import { describe, expect, it } from 'vitest';
import { averageSpeedOfAnswer, serviceLevel } from '../../../src/domain/erlang-c.js';
import { simulateQueue } from '../../../src/domain/simulation/index.js';

// The standard vector: 100 contacts per 30 min, AHT 180 s → 10 Erlangs.
const standard = {
  arrivalsPerSecond: 100 / 1800,
  ahtSeconds: 180,
  targetSeconds: 20,
  seed: 20240601,
};

describe('routing simulation against Erlang C', () => {
  it('matches Erlang C within 1.5 points with 14 single-chat operators, because the router is work-conserving', () => {
    const result = simulateQueue({ ...standard, agents: 14, limit: 1, conversations: 150_000 });
    const sl = serviceLevel(14, 10, 180, 20);
    expect(Math.abs(result.serviceLevel - sl)).toBeLessThan(0.015);
    expect(Math.abs(result.asaSeconds - averageSpeedOfAnswer(14, 10, 180))).toBeLessThan(1);
  });

  it('serves operators with limit 3 like three times as many single-chat servers', () => {
    // 5 operators × 3 slots at 10 Erlangs of chats: Erlang C with 15 servers.
    const result = simulateQueue({ ...standard, agents: 5, limit: 3, conversations: 150_000 });
    expect(Math.abs(result.serviceLevel - serviceLevel(15, 10, 180, 20))).toBeLessThan(0.015);
  });

  it('gives the same waits under every automatic mode, since each takes work whenever there is room', () => {
    const run = (mode: 'least_loaded' | 'random' | 'round_robin') =>
      simulateQueue({ ...standard, agents: 14, limit: 1, conversations: 10_000, mode });
    const least = run('least_loaded');
    expect(run('random').serviceLevel).toBe(least.serviceLevel);
    expect(run('round_robin').asaSeconds).toBe(least.asaSeconds);
  });

  it('is reproducible from its seed', () => {
    const a = simulateQueue({ ...standard, agents: 14, limit: 1, conversations: 5_000 });
    const b = simulateQueue({ ...standard, agents: 14, limit: 1, conversations: 5_000 });
    expect(b).toEqual(a);
  });

  it('measures every conversation it was asked to, after the warm-up', () => {
    const result = simulateQueue({
      ...standard,
      agents: 8,
      limit: 2,
      conversations: 2_000,
      warmupConversations: 100,
    });
    expect(result.conversations).toBe(2_000);
    expect(result.serviceLevelStdError).toBeGreaterThan(0);
  });
});
