import { describe, expect, it } from 'vitest';
import { connectionDropped } from '../../../src/domain/routing/index.js';

const t = { now: 100_000, graceMs: 60_000, staleMs: 60_000 };

describe('dropped operator connection', () => {
  it('is not dropped while any node holds a live, refreshed connection', () => {
    expect(
      connectionDropped(
        [
          { connections: 0, seenAt: 0 },
          { connections: 1, seenAt: 90_000 },
        ],
        t,
      ),
    ).toBe(false);
  });

  it('is dropped once the last connection closed at least the grace period ago', () => {
    expect(connectionDropped([{ connections: 0, seenAt: 40_001 }], t)).toBe(false);
    expect(connectionDropped([{ connections: 0, seenAt: 40_000 }], t)).toBe(true);
  });

  it('counts a live row that stopped being refreshed as a dead node’s, only once it is stale', () => {
    const shortGrace = { ...t, graceMs: 5_000 };
    expect(connectionDropped([{ connections: 2, seenAt: 50_000 }], shortGrace)).toBe(false);
    expect(connectionDropped([{ connections: 2, seenAt: 40_000 }], shortGrace)).toBe(true);
  });

  it('leaves operators who never opened a websocket alone', () => {
    expect(connectionDropped([], t)).toBe(false);
  });
});
