// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { launcherVisible, shareBucket } from '../../widget/src/share.js';

/** A seeded generator (mulberry32), so the share is checked without flakiness. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('display share', () => {
  it('shows the launcher to about 20 % of 10,000 fresh visitors when the share is 20', () => {
    const random = seeded(42);
    let shown = 0;
    for (let i = 0; i < 10_000; i++)
      if (launcherVisible(20, shareBucket(null, random), false)) shown++;
    expect(shown / 10_000).toBeGreaterThan(0.18);
    expect(shown / 10_000).toBeLessThan(0.22);
  });

  it('keeps the bucket a visitor already drew, so the decision never flips', () => {
    const never = () => {
      throw new Error('must not draw again');
    };
    expect(shareBucket('12.34', never)).toBe(12.34);
    expect(shareBucket('0', never)).toBe(0);
  });

  it('draws again when the stored bucket is corrupt or out of range', () => {
    for (const bad of ['abc', '', '-1', '100', 'NaN', 'Infinity'])
      expect(shareBucket(bad, () => 0.5)).toBe(50);
  });

  it('keeps the visitors already in when the share grows', () => {
    const random = seeded(7);
    const buckets = Array.from({ length: 1000 }, () => shareBucket(null, random));
    const at20 = buckets.filter((b) => launcherVisible(20, b, false));
    expect(at20.every((b) => launcherVisible(50, b, false))).toBe(true);
  });

  it('shows the widget to everyone at 100 % and to nobody at 0 %', () => {
    expect(launcherVisible(100, 99.99, false)).toBe(true);
    expect(launcherVisible(0, 0, false)).toBe(false);
  });

  it('always shows the widget to a visitor with an open conversation', () => {
    expect(launcherVisible(0, 99.99, true)).toBe(true);
  });
});
