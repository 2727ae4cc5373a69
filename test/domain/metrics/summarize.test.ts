import { describe, expect, it } from 'vitest';
import { median, summarize } from '../../../src/domain/metrics/index.js';
import { item, S, T0 } from './fixtures.js';

describe('median', () => {
  it('is the middle value for an odd count', () => {
    expect(median([30, 10, 20])).toBe(20);
  });

  it('is the exact mean of the two middle values for an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([1_001, 1_000])).toBe(1_000.5);
  });

  it('is null without values', () => {
    expect(median([])).toBeNull();
  });
});

describe('summarize', () => {
  const items = [
    item(
      { id: 'a', rating: 'like', targeted: true, categoryId: 'refund' },
      ['contact', 0],
      ['operator', 10],
      ['contact', 20],
      ['operator', 26],
    ),
    item(
      {
        id: 'b',
        rating: 'dislike',
        targeted: false,
        categoryId: 'refund',
        assignedAt: T0 + 15 * S,
      },
      ['contact', 0],
      ['bot', 1],
      ['operator', 30],
    ),
    item({ id: 'c', closedBy: 'contact', assignedAt: null, closedAt: T0 + 50 * S }, ['contact', 0]),
    item(
      { id: 'd', closedAt: null, closedBy: null },
      ['contact', 0],
      ['operator', 4],
      ['contact', 9],
    ),
  ];
  const summary = summarize(items, { serviceLevelTargetMs: 20 * S });

  it('counts volume, closed and handled conversations', () => {
    expect(summary.conversations).toBe(4);
    expect(summary.closed).toBe(3);
    expect(summary.handled).toBe(3);
  });

  it('averages first response and takes its exact median over an even count', () => {
    expect(summary.firstResponse).toEqual({
      count: 3,
      avgMs: (10 + 30 + 4) * (S / 3),
      medianMs: 10 * S,
    });
    const even = summarize(items.slice(0, 2), { serviceLevelTargetMs: 20 * S });
    expect(even.firstResponse.medianMs).toBe(20 * S);
  });

  it('adds up answered and unanswered client messages', () => {
    // a: 2 answered; b: 1; c: 1 unanswered; d: 1 answered, 1 unanswered
    expect(summary.messages).toEqual({ answered: 4, unanswered: 2 });
  });

  it('averages reaction, duration and wait over the values that exist', () => {
    expect(summary.reaction).toEqual({ count: 1, avgMs: 6 * S });
    expect(summary.duration).toEqual({ count: 3, avgMs: ((600 + 600 + 50) * S) / 3 });
    expect(summary.wait).toEqual({ count: 3, avgMs: ((5 + 15 + 5) * S) / 3 });
  });

  it('counts ratings with links, targeting, categories and abandoned', () => {
    expect(summary.likes).toBe(1);
    expect(summary.dislikes).toBe(1);
    expect(summary.likedConversationIds).toEqual(['a']);
    expect(summary.dislikedConversationIds).toEqual(['b']);
    expect(summary.targeted).toBe(1);
    expect(summary.nonTargeted).toBe(1);
    expect(summary.categories).toEqual({ refund: 2 });
    expect(summary.abandoned).toBe(1);
  });

  it('measures service level over closed conversations, abandoned ones failing', () => {
    // a: 10 s (within), b: 30 s (late), c: abandoned (failure), d: open (undecided)
    expect(summary.serviceLevel).toEqual({ targetMs: 20 * S, within: 1, total: 3, ratio: 1 / 3 });
  });

  it('reports no data as null rather than zero', () => {
    const empty = summarize([], { serviceLevelTargetMs: 20 * S });
    expect(empty.firstResponse).toEqual({ count: 0, avgMs: null, medianMs: null });
    expect(empty.serviceLevel.ratio).toBeNull();
  });
});
