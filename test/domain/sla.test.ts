import { describe, expect, it } from 'vitest';
import type { MessageAuthor } from '../../src/domain/metrics/index.js';
import {
  clientWaitingSince,
  DEFAULT_SLA,
  resolveThresholds,
  slaColour,
} from '../../src/domain/sla.js';

const T0 = 1_700_000_000_000;

function log(...rows: [MessageAuthor, number][]) {
  return rows.map(([author, at], index) => ({ seq: index + 1, author, at }));
}

describe('SLA colours', () => {
  it('stays normal just under 30 s', () => {
    expect(slaColour(T0, T0 + 29_999, DEFAULT_SLA)).toBe('normal');
  });

  it('turns yellow at exactly 30 s', () => {
    expect(slaColour(T0, T0 + 30_000, DEFAULT_SLA)).toBe('yellow');
    expect(slaColour(T0, T0 + 59_999, DEFAULT_SLA)).toBe('yellow');
  });

  it('turns red at exactly 60 s', () => {
    expect(slaColour(T0, T0 + 60_000, DEFAULT_SLA)).toBe('red');
  });

  it('shows red when a channel sets red below the yellow threshold', () => {
    expect(slaColour(T0, T0 + 20_000, { yellowMs: 30_000, redMs: 15_000 })).toBe('red');
  });

  it('treats a wait stamped in the future (clock skew) as normal', () => {
    expect(slaColour(T0 + 5_000, T0, DEFAULT_SLA)).toBe('normal');
  });
});

describe('resolveThresholds', () => {
  it('uses the defaults when nothing is configured', () => {
    expect(resolveThresholds(null, null)).toEqual({ yellowMs: 30_000, redMs: 60_000 });
  });

  it('lets the account override the defaults', () => {
    expect(resolveThresholds({ yellowMs: 10_000, redMs: 20_000 }, null)).toEqual({
      yellowMs: 10_000,
      redMs: 20_000,
    });
  });

  it('lets the channel override the account, field by field', () => {
    expect(resolveThresholds({ yellowMs: 10_000, redMs: 20_000 }, { redMs: 90_000 })).toEqual({
      yellowMs: 10_000,
      redMs: 90_000,
    });
  });

  it('ignores zero, negative and non-numeric settings', () => {
    expect(resolveThresholds({ yellowMs: 0 }, { redMs: Number.NaN, yellowMs: -1 })).toEqual(
      DEFAULT_SLA,
    );
  });
});

describe('clientWaitingSince', () => {
  it('is the first client message after the operator last spoke', () => {
    expect(clientWaitingSince(log(['operator', 0], ['contact', 10], ['contact', 20]))).toBe(10);
  });

  it('is null when the operator spoke last', () => {
    expect(clientWaitingSince(log(['contact', 0], ['operator', 5]))).toBeNull();
  });

  it('is null when the client has not written', () => {
    expect(clientWaitingSince([])).toBeNull();
  });

  it('keeps the clock running through bot and system messages', () => {
    expect(
      clientWaitingSince(log(['operator', 0], ['contact', 10], ['bot', 11], ['system', 12])),
    ).toBe(10);
  });

  it('follows sequence numbers rather than array order', () => {
    const messages = [
      { seq: 2, author: 'operator' as const, at: 5 },
      { seq: 3, author: 'contact' as const, at: 9 },
      { seq: 1, author: 'contact' as const, at: 1 },
    ];
    expect(clientWaitingSince(messages)).toBe(9);
  });
});
