import { describe, expect, it } from 'vitest';
import { compareQueue, planAssignments, sortQueue } from '../../../src/domain/routing/index.js';
import { conversation, operator, policy } from './builders.js';

describe('queue order', () => {
  it('serves a priority-1 conversation that arrived later before earlier priority-2 ones', () => {
    const queue = [
      conversation('email-1', { priority: 2, queuedAt: 1_000 }),
      conversation('email-2', { priority: 2, queuedAt: 2_000 }),
      conversation('chat', { priority: 1, queuedAt: 9_000 }),
    ];
    expect(sortQueue(queue).map((c) => c.id)).toEqual(['chat', 'email-1', 'email-2']);
  });

  it('serves the longest waiting first within a priority', () => {
    const queue = [
      conversation('late', { queuedAt: 3_000 }),
      conversation('early', { queuedAt: 1_000 }),
      conversation('middle', { queuedAt: 2_000 }),
    ];
    expect(sortQueue(queue).map((c) => c.id)).toEqual(['early', 'middle', 'late']);
  });

  it('serves a flagged (angry or urgent) conversation before others of its priority, not before a higher priority', () => {
    const queue = [
      conversation('calm-early', { priority: 2, queuedAt: 1_000 }),
      conversation('angry-late', { priority: 2, queuedAt: 5_000, flagged: true }),
      conversation('chat', { priority: 1, queuedAt: 9_000 }),
      conversation('angry-early', { priority: 2, queuedAt: 3_000, flagged: true }),
      conversation('calm-late', { priority: 2, queuedAt: 2_000, flagged: false }),
    ];
    expect(sortQueue(queue).map((c) => c.id)).toEqual([
      'chat',
      'angry-early',
      'angry-late',
      'calm-early',
      'calm-late',
    ]);
  });

  it('gives a flagged conversation to the one free operator before an earlier calm one', () => {
    const plan = planAssignments({
      queue: [
        conversation('calm', { queuedAt: 1_000 }),
        conversation('angry', { queuedAt: 2_000, flagged: true }),
      ],
      operators: [operator('natalia', { limit: 1 })],
      policyFor: () => policy(),
      roundRobin: {},
      ctx: { now: 10_000, random: () => 0 },
    });
    expect(plan.assignments).toEqual([{ conversationId: 'angry', operatorId: 'natalia' }]);
  });

  it('orders exact ties by id so every node agrees', () => {
    const a = conversation('a', { queuedAt: 5 });
    const b = conversation('b', { queuedAt: 5 });
    expect(compareQueue(a, b)).toBeLessThan(0);
    expect(compareQueue(b, a)).toBeGreaterThan(0);
    expect(compareQueue(a, a)).toBe(0);
  });

  it('does not reorder the caller’s array', () => {
    const queue = [conversation('b', { queuedAt: 2 }), conversation('a', { queuedAt: 1 })];
    sortQueue(queue);
    expect(queue.map((c) => c.id)).toEqual(['b', 'a']);
  });
});
