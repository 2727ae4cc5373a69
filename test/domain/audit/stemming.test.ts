import { describe, expect, it } from 'vitest';
import { typoEqual, withinOneEdit } from '../../../src/domain/audit/fuzzy.js';
import { stemsOf } from '../../../src/domain/audit/stem.js';
import { stemUkrainian } from '../../../src/domain/audit/ukrainian-stemmer.js';

describe('Ukrainian stemmer', () => {
  it('conflates case forms of a noun', () => {
    expect(new Set(['замовлення', 'замовленням', 'замовленні'].map(stemUkrainian)).size).toBe(1);
  });

  it('conflates reflexive verb forms', () => {
    expect(stemUkrainian('звертатися')).toBe(stemUkrainian('звертатись'));
  });

  it('conflates adjective forms', () => {
    expect(stemUkrainian('доброго')).toBe(stemUkrainian('добрий'));
  });

  it('never strips a word down to fewer than two letters', () => {
    expect(stemUkrainian('ні').length).toBeGreaterThanOrEqual(2);
  });
});

describe('stems per script', () => {
  it('stems a Cyrillic word as both Russian and Ukrainian', () => {
    expect(stemsOf('помощь').length).toBeGreaterThanOrEqual(2);
  });

  it('stems a Latin word as English', () => {
    expect(stemsOf('questions')).toContain('question');
  });
});

describe('typo tolerance', () => {
  it('forgives one swap, insertion, deletion or substitution', () => {
    expect(withinOneEdit('micheal', 'michael')).toBe(true);
    expect(withinOneEdit('свиданя', 'свидания')).toBe(true);
    expect(withinOneEdit('abc', 'axyc')).toBe(false);
  });

  it('does not forgive anything in short words', () => {
    expect(typoEqual('нет', 'нит')).toBe(false);
  });

  it('treats a missing letter in a five-letter word as another word form', () => {
    expect(typoEqual('минут', 'минуту')).toBe(false);
    expect(typoEqual('доборого', 'доброго')).toBe(true);
  });

  it('keeps the first letter, so забере is not набере', () => {
    expect(typoEqual('забере', 'набере')).toBe(false);
  });
});
