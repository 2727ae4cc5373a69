// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pickLanguage, STRINGS } from '../../widget/src/i18n.js';

describe('widget language', () => {
  it("takes the page's language first", () => {
    expect(pickLanguage('ru-RU', ['en-US'])).toBe('ru');
    expect(pickLanguage('uk', ['ru'])).toBe('uk');
  });

  it("falls back to the browser's languages, in order", () => {
    expect(pickLanguage('de', ['fr-FR', 'uk-UA', 'en'])).toBe('uk');
    expect(pickLanguage(null, ['ru'])).toBe('ru');
    expect(pickLanguage('', [])).toBe('en');
  });

  it('reads the common "ua" mistake as Ukrainian', () => {
    expect(pickLanguage('ua', [])).toBe('uk');
  });

  it('translates every string into every language', () => {
    const keys = Object.keys(STRINGS.en).sort();
    for (const lang of ['ru', 'uk'] as const) {
      expect(Object.keys(STRINGS[lang]).sort()).toEqual(keys);
      for (const key of keys) {
        const en = STRINGS.en[key as keyof typeof STRINGS.en];
        const other = STRINGS[lang][key as keyof typeof STRINGS.en];
        if (typeof en === 'function') expect(typeof other).toBe('function');
        else if (key !== 'email') expect(other).not.toBe(en);
      }
    }
  });
});
