import { describe, expect, it } from 'vitest';
import {
  durationMs,
  firstResponseMs,
  isAbandoned,
  messageAnswering,
  reactionTimesMs,
  waitMs,
  withinServiceLevel,
} from '../../../src/domain/metrics/index.js';
import { conversation, messages, S, T0 } from './fixtures.js';

describe('first response time', () => {
  it('runs from entering the queue to the first operator message', () => {
    const conv = conversation({ createdAt: T0 - 40 * S, queuedAt: T0 });
    expect(firstResponseMs(conv, messages(['contact', -40], ['operator', 12]))).toBe(12 * S);
  });

  it('does not count bot or system messages sent before the operator', () => {
    const conv = conversation({ createdAt: T0 - 30 * S, queuedAt: T0 });
    const log = messages(['contact', -30], ['bot', -29], ['system', 1], ['operator', 25]);
    expect(firstResponseMs(conv, log)).toBe(25 * S);
  });

  it('starts at creation when the conversation never was queued', () => {
    const conv = conversation({ createdAt: T0, queuedAt: null, assignedAt: T0 });
    expect(firstResponseMs(conv, messages(['contact', 0], ['operator', 8]))).toBe(8 * S);
  });

  it('is null while no operator has replied, even when the bot did', () => {
    expect(firstResponseMs(conversation(), messages(['contact', 0], ['bot', 1]))).toBeNull();
  });

  it('orders by sequence number, not by the message clock', () => {
    const log = messages(['contact', 0], ['operator', 30], ['operator', 10]);
    expect(firstResponseMs(conversation(), log)).toBe(30 * S);
  });

  it('is zero for an operator who wrote first', () => {
    const conv = conversation({ queuedAt: T0 + 10 * S });
    expect(firstResponseMs(conv, messages(['operator', 0], ['contact', 20]))).toBe(0);
  });
});

describe('reaction time', () => {
  it('measures from the first unanswered client message to the next operator message', () => {
    const log = messages(
      ['contact', 0],
      ['operator', 10],
      ['contact', 20],
      ['contact', 25],
      ['operator', 50],
      ['contact', 60],
      ['operator', 65],
    );
    expect(reactionTimesMs(log)).toEqual([30 * S, 5 * S]);
  });

  it('leaves the wait before the operator joined to first response time', () => {
    expect(reactionTimesMs(messages(['contact', 0], ['contact', 5], ['operator', 90]))).toEqual([]);
  });

  it('ignores bot and system messages in the middle of a dialog', () => {
    const log = messages(
      ['operator', 0],
      ['contact', 10],
      ['bot', 11],
      ['system', 12],
      ['operator', 40],
    );
    expect(reactionTimesMs(log)).toEqual([30 * S]);
  });

  it('yields nothing for a client message left without a reply', () => {
    expect(reactionTimesMs(messages(['operator', 0], ['contact', 10]))).toEqual([]);
  });
});

describe('answered and unanswered client messages', () => {
  it('counts a client message as answered when an operator message follows it', () => {
    const log = messages(['contact', 0], ['contact', 1], ['operator', 2], ['contact', 3]);
    expect(messageAnswering(log)).toEqual({ answered: 2, unanswered: 1 });
  });

  it('does not let a bot reply answer a client message', () => {
    expect(messageAnswering(messages(['contact', 0], ['bot', 1]))).toEqual({
      answered: 0,
      unanswered: 1,
    });
  });

  it('never answers an old conversation from the one it reopened as', () => {
    const closed = messages(['contact', 0], ['operator', 5], ['contact', 10]);
    const reopened = messages(['contact', 100], ['operator', 105]);
    expect(messageAnswering(closed)).toEqual({ answered: 1, unanswered: 1 });
    expect(messageAnswering(reopened)).toEqual({ answered: 1, unanswered: 0 });
  });
});

describe('wait time and duration', () => {
  it('waits from entering the queue to assignment', () => {
    expect(waitMs(conversation({ queuedAt: T0, assignedAt: T0 + 42 * S }))).toBe(42 * S);
  });

  it('has no wait while still queued or when never queued', () => {
    expect(waitMs(conversation({ assignedAt: null }))).toBeNull();
    expect(waitMs(conversation({ queuedAt: null }))).toBeNull();
  });

  it('lasts from creation to close, and is null while open', () => {
    expect(durationMs(conversation({ createdAt: T0, closedAt: T0 + 300 * S }))).toBe(300 * S);
    expect(durationMs(conversation({ closedAt: null, closedBy: null }))).toBeNull();
  });
});

describe('abandoned', () => {
  const closedByContact = conversation({ closedBy: 'contact', assignedAt: null });

  it('is a conversation the client closed before any operator reply', () => {
    expect(isAbandoned(closedByContact, messages(['contact', 0], ['bot', 1]))).toBe(true);
  });

  it('is not abandoned once an operator replied', () => {
    expect(isAbandoned(closedByContact, messages(['contact', 0], ['operator', 5]))).toBe(false);
  });

  it('is not abandoned when the operator or the system closed it', () => {
    expect(isAbandoned(conversation({ closedBy: 'system' }), messages(['contact', 0]))).toBe(false);
  });

  it('is not abandoned while open', () => {
    const open = conversation({ closedAt: null, closedBy: null });
    expect(isAbandoned(open, messages(['contact', 0]))).toBe(false);
  });

  it('is not abandoned when the bot resolved it and it never reached operators', () => {
    const botOnly = conversation({ queuedAt: null, assignedAt: null, closedBy: 'contact' });
    expect(isAbandoned(botOnly, messages(['contact', 0], ['bot', 1]))).toBe(false);
  });
});

describe('service level', () => {
  const target = 20 * S;

  it('passes when the first operator reply comes within T, inclusive', () => {
    expect(
      withinServiceLevel(conversation(), messages(['contact', 0], ['operator', 20]), target),
    ).toBe(true);
    expect(
      withinServiceLevel(conversation(), messages(['contact', 0], ['operator', 21]), target),
    ).toBe(false);
  });

  it('counts an abandoned conversation as a failure', () => {
    const abandoned = conversation({ closedBy: 'contact', assignedAt: null, closedAt: T0 + 5 * S });
    expect(withinServiceLevel(abandoned, messages(['contact', 0]), target)).toBe(false);
  });

  it('fails a queued conversation closed without any operator reply', () => {
    expect(
      withinServiceLevel(conversation({ closedBy: 'system' }), messages(['contact', 0]), target),
    ).toBe(false);
  });

  it('leaves open conversations undecided', () => {
    const open = conversation({ closedAt: null, closedBy: null });
    expect(withinServiceLevel(open, messages(['contact', 0], ['operator', 3]), target)).toBeNull();
  });

  it('leaves conversations the bot resolved out of the measure', () => {
    const botOnly = conversation({ queuedAt: null, assignedAt: null, closedBy: 'contact' });
    expect(withinServiceLevel(botOnly, messages(['contact', 0], ['bot', 1]), target)).toBeNull();
  });
});
