import { describe, expect, it } from 'vitest';
import { estimateWait, queuePosition } from '../../../src/domain/routing/index.js';
import { conversation, operator } from './builders.js';

describe('queue position', () => {
  const queue = [
    conversation('b1', { teamId: 'billing', queuedAt: 1 }),
    conversation('s1', { teamId: 'sales', queuedAt: 2 }),
    conversation('b2', { teamId: 'billing', queuedAt: 3 }),
    conversation('b0', { teamId: 'billing', priority: 1, queuedAt: 4 }),
    conversation('b3', { teamId: 'billing', priority: 2, queuedAt: 0 }),
  ];

  it('counts only conversations competing for the same team, in queue order', () => {
    expect(queuePosition('b1', queue)).toBe(1);
    expect(queuePosition('b2', queue)).toBe(2);
    expect(queuePosition('b0', queue)).toBe(3);
    expect(queuePosition('s1', queue)).toBe(1);
  });

  it('puts a lower priority behind everyone of a higher priority however long it waited', () => {
    expect(queuePosition('b3', queue)).toBe(4);
  });

  it('is null for a conversation that is not queued', () => {
    expect(queuePosition('gone', queue)).toBeNull();
  });
});

describe('estimated wait', () => {
  const aht = 120_000;

  it('is zero while the team has a free slot for this place in line', () => {
    const ops = [operator('a', { limit: 2, open: 1, teamIds: ['t'] })];
    expect(
      estimateWait({ position: 1, teamId: 't', operators: ops, averageHandleTimeMs: aht }),
    ).toBe(0);
  });

  it('is one handle time divided by the busy slots per place in line past the free ones', () => {
    const ops = [
      operator('a', { limit: 2, open: 2, teamIds: ['t'] }),
      operator('b', { limit: 2, open: 2, teamIds: ['t'] }),
      operator('other', { limit: 10, open: 0, teamIds: ['x'] }),
    ];
    const wait = (position: number) =>
      estimateWait({ position, teamId: 't', operators: ops, averageHandleTimeMs: aht });
    expect(wait(1)).toBe(30_000);
    expect(wait(3)).toBe(90_000);
  });

  it('is unknown when nobody in the team is online', () => {
    const ops = [operator('a', { status: 'away', teamIds: ['t'] })];
    expect(
      estimateWait({ position: 1, teamId: 't', operators: ops, averageHandleTimeMs: aht }),
    ).toBeNull();
  });
});

describe('estimated wait from the measured assignment rate', () => {
  const busy = [operator('a', { limit: 2, open: 2, teamIds: ['t'] })];

  it('uses the measured rate when slots free faster than the handle time says', () => {
    // 2 slots and a 10-minute handle time model 1 free slot per 5 min, but 1 per
    // minute were measured: the third in line waits 3 minutes.
    expect(
      estimateWait({
        position: 3,
        teamId: 't',
        operators: busy,
        averageHandleTimeMs: 600_000,
        recentAssignmentRate: 1 / 60_000,
      }),
    ).toBe(180_000);
  });

  it('never lets a quiet period’s low rate stretch the estimate past the handle-time model', () => {
    expect(
      estimateWait({
        position: 1,
        teamId: 't',
        operators: busy,
        averageHandleTimeMs: 120_000,
        recentAssignmentRate: 1 / 3_600_000,
      }),
    ).toBe(60_000);
  });
});
