import { describe, expect, it } from 'vitest';
import {
  averageSpeedOfAnswer,
  erlangB,
  occupancy,
  probabilityOfWaiting,
  requiredAgents,
  serviceLevel,
  trafficErlangs,
} from '../../src/domain/erlang-c.js';

describe('Erlang C on the standard vector (100 contacts / 30 min, AHT 180 s, 14 agents)', () => {
  const traffic = trafficErlangs(100, 1800, 180);

  it('offers 10 Erlangs of traffic', () => {
    expect(traffic).toBeCloseTo(10, 10);
  });

  it('makes 17.4 % of contacts wait', () => {
    expect(Math.abs(probabilityOfWaiting(14, traffic) - 0.174)).toBeLessThan(0.002);
  });

  it('answers 88.8 % within 20 seconds', () => {
    expect(Math.abs(serviceLevel(14, traffic, 180, 20) - 0.888)).toBeLessThan(0.002);
  });

  it('answers in 7.8 seconds on average', () => {
    expect(Math.abs(averageSpeedOfAnswer(14, traffic, 180) - 7.8)).toBeLessThan(0.1);
  });

  it('keeps agents 71.4 % busy', () => {
    expect(Math.abs(occupancy(14, traffic) - 0.714)).toBeLessThan(0.002);
  });

  it('needs 14 agents for 80 % within 20 s, because 13 reach only 79.6 %', () => {
    const target = { traffic, ahtSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0.8 };
    expect(serviceLevel(13, traffic, 180, 20)).toBeCloseTo(0.7956, 3);
    expect(requiredAgents(target)).toBe(14);
  });

  it('adds agents when occupancy is capped below what the service level alone needs', () => {
    const target = { traffic, ahtSeconds: 180, targetSeconds: 20, serviceLevelTarget: 0.8 };
    // 14 agents would be 71.4 % busy; a 70 % cap needs 15.
    expect(requiredAgents({ ...target, maxOccupancy: 0.7 })).toBe(15);
  });
});

describe('Erlang C edge cases', () => {
  it('never makes anyone wait when there is no traffic', () => {
    expect(probabilityOfWaiting(3, 0)).toBe(0);
    expect(serviceLevel(3, 0, 180, 20)).toBe(1);
    expect(averageSpeedOfAnswer(3, 0, 180)).toBe(0);
    expect(occupancy(3, 0)).toBe(0);
    expect(
      requiredAgents({ traffic: 0, ahtSeconds: 1, targetSeconds: 1, serviceLevelTarget: 0.8 }),
    ).toBe(0);
  });

  it('treats as many or fewer agents than Erlangs as an ever-growing queue', () => {
    expect(probabilityOfWaiting(10, 10)).toBe(1);
    expect(serviceLevel(9, 10, 180, 20)).toBe(0);
    expect(averageSpeedOfAnswer(10, 10, 180)).toBe(Number.POSITIVE_INFINITY);
    expect(occupancy(8, 10)).toBe(1);
  });

  it('stays finite for thousands of agents where the textbook formula overflows', () => {
    const pw = probabilityOfWaiting(2_100, 2_000);
    expect(Number.isFinite(pw)).toBe(true);
    expect(pw).toBeGreaterThan(0);
    expect(pw).toBeLessThan(1);
    expect(erlangB(2_100, 2_000)).toBeLessThan(1);
  });

  it('finds the smallest count: one fewer misses the target', () => {
    for (const traffic of [0.5, 3.7, 42, 250]) {
      const input = { traffic, ahtSeconds: 300, targetSeconds: 30, serviceLevelTarget: 0.9 };
      const n = requiredAgents(input);
      expect(serviceLevel(n, traffic, 300, 30)).toBeGreaterThanOrEqual(0.9);
      expect(serviceLevel(n - 1, traffic, 300, 30)).toBeLessThan(0.9);
    }
  });

  it('rejects fractional agents and a 100 % target', () => {
    expect(() => probabilityOfWaiting(2.5, 1)).toThrow(RangeError);
    expect(() =>
      requiredAgents({ traffic: 1, ahtSeconds: 1, targetSeconds: 1, serviceLevelTarget: 1 }),
    ).toThrow(RangeError);
  });
});
