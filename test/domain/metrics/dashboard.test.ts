import { describe, expect, it } from 'vitest';
import {
  conversationOutcome,
  figuresOf,
  hourlyFigures,
  isMissed,
} from '../../../src/domain/metrics/index.js';
import { conversation, messages, S } from './fixtures.js';

describe('conversation outcome', () => {
  it('tells open, answered, abandoned, unanswered and bot-resolved apart', () => {
    const asked = messages(['contact', 0]);
    expect(conversationOutcome(conversation({ closedAt: null }), asked)).toBe('open');
    expect(conversationOutcome(conversation(), messages(['contact', 0], ['operator', 9]))).toBe(
      'answered',
    );
    expect(conversationOutcome(conversation({ closedBy: 'contact' }), asked)).toBe('abandoned');
    expect(conversationOutcome(conversation({ closedBy: 'operator' }), asked)).toBe('unanswered');
    const botOnly = conversation({ queuedAt: null, assignedAt: null, closedBy: 'contact' });
    expect(conversationOutcome(botOnly, messages(['contact', 0], ['bot', 1]))).toBe('bot');
  });

  it('counts abandoned and unanswered as missed, nothing else', () => {
    expect(
      ['open', 'answered', 'abandoned', 'unanswered', 'bot'].filter((o) => isMissed(o as never)),
    ).toEqual(['abandoned', 'unanswered']);
  });
});

describe('dashboard figures', () => {
  const hour = (h: number, over: Partial<Parameters<typeof figuresOf>[0][number]> = {}) => ({
    hour: h,
    conversations: 0,
    firstResponseSumMs: 0,
    firstResponseCount: 0,
    decided: 0,
    within: 0,
    missed: 0,
    likes: 0,
    auditScoreSum: 0,
    audited: 0,
    ...over,
  });

  it('rolls hours up into exact ratios and means, null when there is nothing to divide', () => {
    const hours = [
      hour(7, {
        conversations: 2,
        firstResponseSumMs: 30 * S,
        firstResponseCount: 2,
        decided: 2,
        within: 1,
        likes: 1,
        auditScoreSum: 1.5,
        audited: 2,
      }),
      hour(8, {
        conversations: 1,
        firstResponseSumMs: 60 * S,
        firstResponseCount: 1,
        decided: 1,
        missed: 1,
      }),
    ];
    expect(figuresOf(hours)).toEqual({
      conversations: 3,
      serviceLevel: 1 / 3,
      firstResponseAvgMs: 30 * S,
      missed: 1,
      likes: 1,
      auditScore: 0.75,
    });
    expect(figuresOf([])).toEqual({
      conversations: 0,
      serviceLevel: null,
      firstResponseAvgMs: null,
      missed: 0,
      likes: 0,
      auditScore: null,
    });
  });

  it('fills every hour up to now, empty ones with zero counts and null means', () => {
    const filled = hourlyFigures([hour(2, { conversations: 4 })], 3);
    expect(filled.map((h) => [h.hour, h.conversations, h.serviceLevel])).toEqual([
      [0, 0, null],
      [1, 0, null],
      [2, 4, null],
      [3, 0, null],
    ]);
  });
});
