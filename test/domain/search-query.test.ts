import { describe, expect, it } from 'vitest';
import {
  contactTsQuery,
  excerpt,
  HIT_END,
  HIT_START,
  messageTsQuery,
  queryWords,
  quoteLexeme,
  restoreHeadline,
} from '../../src/domain/search/query.js';

describe('search query', () => {
  it('takes words without surrounding punctuation, folded, at most eight, once each', () => {
    expect(queryWords('  Где мой ЗАКАЗ?! (order) заказ Ёлка ')).toEqual([
      'где',
      'мой',
      'заказ',
      'order',
      'елка',
    ]);
    expect(queryWords('a b c d e f g h i j')).toHaveLength(8);
    expect(queryWords(' ?! ')).toEqual([]);
  });

  it('matches a Cyrillic word by the shorter of its Russian and Ukrainian stems, as a prefix', () => {
    expect(messageTsQuery([{ word: 'замовлення', lexemes: ['замовлен'] }])).toBe("('замовлен':*)");
    expect(messageTsQuery([{ word: 'рахунків', lexemes: ['рахунків'] }])).toBe("('рахунк':*)");
    expect(messageTsQuery([{ word: 'да', lexemes: ['да'] }])).toBe("('да')");
  });

  it('matches Latin words by their stems exactly, every word required, stop words skipped', () => {
    expect(
      messageTsQuery([
        { word: 'orders', lexemes: ['order'] },
        { word: 'the', lexemes: [] },
        { word: 'a-b', lexemes: ['a-b', 'a', 'b'] },
      ]),
    ).toBe("('order') & ('a-b' & 'a' & 'b')");
    expect(messageTsQuery([{ word: 'и', lexemes: [] }])).toBeNull();
  });

  it('quotes lexemes so tsquery syntax in the query stays text', () => {
    expect(quoteLexeme("it's & | !x\\")).toBe("'it''s & | !x\\\\'");
  });

  it('searches a phone by its digits, other words as prefixes', () => {
    expect(contactTsQuery('+7 (912) 555', ['+7', '912', '555'])).toBe("'7912555':*");
    expect(contactTsQuery('zina 12', ['zina', '12'])).toBe("'zina':* & '12':*");
  });

  it('puts the original characters back into the headline of the folded text', () => {
    const text = `Где мой ЗАКАЗ? <b>${HIT_START}x</b>`;
    const headline = `где мой ${HIT_START}заказ${HIT_END}? \uE002b\uE003x\uE002/b\uE003`;
    expect(restoreHeadline(headline, text)).toEqual([
      { text: 'Где мой ', hit: false },
      { text: 'ЗАКАЗ', hit: true },
      { text: '? <b>x</b>', hit: false },
    ]);
    expect(restoreHeadline('короче', 'длиннее текст')).toEqual([
      { text: 'длиннее текст', hit: false },
    ]);
  });

  it('cuts a long message around its first match', () => {
    const segments = [
      { text: 'a'.repeat(300), hit: false },
      { text: 'match', hit: true },
      { text: 'b'.repeat(300), hit: false },
    ];
    const cut = excerpt(segments, 100, 20);
    expect(cut[0]).toEqual({ text: '…', hit: false });
    expect(cut.at(-1)).toEqual({ text: '…', hit: false });
    expect(cut).toContainEqual({ text: 'match', hit: true });
    expect(cut.reduce((n, s) => n + s.text.length, 0)).toBe(102);
    expect(excerpt([{ text: 'short', hit: true }])).toEqual([{ text: 'short', hit: true }]);
  });
});
