import { describe, expect, it } from 'vitest';
import { chooseOperator } from '../../../src/domain/routing/index.js';
import { context, conversation, operator, policy, seeded } from './builders.js';

// DESIGN §2 seed example: limit 5 for all; Natalia has 1, Tatiana 3, Maxim 5.
const team = [
  operator('natalia', { open: 1 }),
  operator('tatiana', { open: 3 }),
  operator('maxim', { open: 5 }),
];
const chat = conversation('c1');

describe('least_loaded', () => {
  it('gives the new chat to Natalia, who has the fewest', () => {
    expect(chooseOperator(chat, team, policy(), context(), null)).toBe('natalia');
  });

  it('breaks a tie in favour of the operator idle longest', () => {
    const ops = [
      operator('a', { open: 2, lastAssignedAt: 5_000 }),
      operator('b', { open: 2, lastAssignedAt: 1_000 }),
      operator('c', { open: 2, lastAssignedAt: 3_000 }),
    ];
    expect(chooseOperator(chat, ops, policy(), context(10_000), null)).toBe('b');
  });

  it('treats an operator never assigned as idle longest', () => {
    const ops = [operator('a', { lastAssignedAt: 1 }), operator('b', { lastAssignedAt: null })];
    expect(chooseOperator(chat, ops, policy(), context(), null)).toBe('b');
  });

  it('falls back to the id when load and idle time are equal', () => {
    const ops = [operator('z'), operator('m'), operator('q')];
    expect(chooseOperator(chat, ops, policy(), context(), null)).toBe('m');
  });

  it('returns null when everyone is at their limit', () => {
    const ops = [operator('a', { open: 5 }), operator('b', { limit: 1, open: 1 })];
    expect(chooseOperator(chat, ops, policy(), context(), null)).toBeNull();
  });
});

describe('random', () => {
  const randomPolicy = policy({ mode: 'random' });

  it('gives the chat to Natalia or Tatiana, never Maxim, about evenly', () => {
    const random = seeded(42);
    const counts: Record<string, number> = {};
    const draws = 10_000;
    for (let i = 0; i < draws; i++) {
      const id = chooseOperator(chat, team, randomPolicy, context(0, random), null) ?? 'none';
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['natalia', 'tatiana']);
    // Binomial(10000, 0.5) has sd 50; 4 sd either side.
    expect(counts.natalia).toBeGreaterThan(4_800);
    expect(counts.natalia).toBeLessThan(5_200);
  });

  it('picks the same operator for the same draw whatever order operators are listed in', () => {
    const draw = () => 0.6;
    const a = chooseOperator(chat, team, randomPolicy, context(0, draw), null);
    const b = chooseOperator(chat, [...team].reverse(), randomPolicy, context(0, draw), null);
    expect(a).toBe(b);
  });

  it('does not consume the random source when nobody is eligible', () => {
    let calls = 0;
    const random = () => {
      calls += 1;
      return 0.5;
    };
    const full = [operator('a', { open: 5 })];
    expect(chooseOperator(chat, full, randomPolicy, context(0, random), null)).toBeNull();
    expect(calls).toBe(0);
  });
});

describe('round_robin', () => {
  const rr = policy({ mode: 'round_robin' });
  const ops = [operator('c'), operator('a'), operator('b')];

  it('starts with the first operator by id', () => {
    expect(chooseOperator(chat, ops, rr, context(), null)).toBe('a');
  });

  it('moves to the next operator by id after the last one', () => {
    expect(chooseOperator(chat, ops, rr, context(), 'a')).toBe('b');
    expect(chooseOperator(chat, ops, rr, context(), 'b')).toBe('c');
  });

  it('wraps around to the first after the last in the rotation', () => {
    expect(chooseOperator(chat, ops, rr, context(), 'c')).toBe('a');
  });

  it('skips an operator who is at the limit or away', () => {
    const some = [operator('a'), operator('b', { open: 5 }), operator('c', { status: 'away' })];
    expect(chooseOperator(chat, some, rr, context(), 'a')).toBe('a');
  });

  it('keeps the rotation when the last operator has since left', () => {
    expect(chooseOperator(chat, [operator('a'), operator('c')], rr, context(), 'b')).toBe('c');
  });
});

describe('manual', () => {
  it('never assigns automatically, even with free operators', () => {
    expect(chooseOperator(chat, team, policy({ mode: 'manual' }), context(), null)).toBeNull();
  });
});
