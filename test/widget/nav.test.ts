// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { NAVIGATE_REPLAY_MS, navigateIsFresh, navigationTarget } from '../../widget/src/nav.js';

const here = 'https://shop.example/catalog?x=1';

describe('"go to URL" from the operator', () => {
  it('follows pages of the current site, absolute or relative', () => {
    expect(navigationTarget('https://shop.example/delivery', here, [])).toBe(
      'https://shop.example/delivery',
    );
    expect(navigationTarget('/cart#pay', here, [])).toBe('https://shop.example/cart#pay');
  });

  it("follows the channel's allowed origins", () => {
    expect(
      navigationTarget('https://help.shop.example/faq', here, ['https://help.shop.example']),
    ).toBe('https://help.shop.example/faq');
  });

  it('refuses other sites, other schemes and junk', () => {
    for (const url of [
      'https://evil.example/',
      '//evil.example/x',
      'http://shop.example/', // another origin: the scheme differs
      'javascript:alert(1)',
      'data:text/html,hi',
      'https://shop.example.evil.example/',
      'https://shop.example@evil.example/',
      '',
      42,
      null,
    ])
      expect(navigationTarget(url, here, ['https://help.shop.example'])).toBeNull();
  });

  it('follows live events always and missed ones only when they are recent', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(navigateIsFresh('2024-01-01T00:00:00Z', now, true)).toBe(true);
    expect(navigateIsFresh(new Date(now - 10_000).toISOString(), now, false)).toBe(true);
    expect(navigateIsFresh(new Date(now - NAVIGATE_REPLAY_MS - 1).toISOString(), now, false)).toBe(
      false,
    );
    expect(navigateIsFresh('not a date', now, false)).toBe(false);
  });
});
