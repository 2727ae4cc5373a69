import { describe, expect, it } from 'vitest';
import { cleanJson, cleanText, findUnsafeText, TooDeep } from '../../src/domain/text.js';

describe('text the database cannot store', () => {
  it('names the first NUL or lone surrogate by its dotted path, keys included', () => {
    expect(findUnsafeText({ a: 'fine', b: [{ c: 'x\u0000' }] })).toEqual({
      path: 'b.0.c',
      problem: 'nul',
    });
    expect(findUnsafeText({ 'k\ud800': 1 })).toEqual({
      path: 'k\ud800',
      problem: 'lone_surrogate',
    });
    expect(findUnsafeText('\udc00')).toEqual({ path: '', problem: 'lone_surrogate' });
  });

  it('accepts paired surrogates (emoji) and plain values', () => {
    expect(findUnsafeText({ text: 'Спасибо 👍', n: 1, ok: true, none: null })).toBeNull();
  });

  it('walks a body nested thousands deep without overflowing', () => {
    const deep = JSON.parse(`${'['.repeat(20_000)}"\\u0000"${']'.repeat(20_000)}`);
    expect(findUnsafeText(deep)?.problem).toBe('nul');
  });

  it('cleans delivered text: strips NUL, replaces lone surrogates with U+FFFD, keeps emoji', () => {
    expect(cleanText('a\u0000b\ud800c👍\udc00')).toBe('ab\ufffdc👍\ufffd');
    expect(cleanJson({ 'k\u0000': ['\ud83d'] })).toEqual({ k: ['\ufffd'] });
  });

  it('refuses to clean JSON nested deeper than any provider sends', () => {
    const deep = JSON.parse(`${'['.repeat(100)}0${']'.repeat(100)}`);
    expect(() => cleanJson(deep)).toThrow(TooDeep);
  });
});
