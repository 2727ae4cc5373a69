import { describe, expect, it } from 'vitest';
import { splitSentences, tokenize } from '../../../src/domain/audit/normalize.js';

const words = (text: string): string[] => tokenize(text).map((t) => t.word);

describe('normalisation', () => {
  it('lower-cases, folds ё into е and drops punctuation', () => {
    expect(words('ЕЩЁ вопросы?!')).toEqual(['еще', 'вопросы']);
  });

  it("drops apostrophes inside words so ім’я, ім'я and імʼя agree", () => {
    expect(words("ім'я ім’я імʼя I'm")).toEqual(['імя', 'імя', 'імя', 'im']);
  });

  it('reads a Latin look-alike inside a Cyrillic word as Cyrillic', () => {
    expect(words('пpивет')).toEqual(['привет']);
  });

  it('keeps the original spelling for the capitalisation test on names', () => {
    expect(tokenize('Я Ольга')[1]?.original).toBe('Ольга');
  });

  it('marks a word followed by punctuation as the end of a clause', () => {
    expect(tokenize('Нина, добрый день').map((t) => t.breakAfter)).toEqual([true, false, true]);
  });
});

describe('sentences', () => {
  it('splits on . ! ? and newlines and remembers question marks', () => {
    const s = splitSentences('Здравствуйте! Номер заказа?\nСпасибо');
    expect(s.map((x) => x.question)).toEqual([false, true, false]);
  });

  it('does not split decimals such as 49.99', () => {
    expect(splitSentences('Сумма 49.99 руб.')).toHaveLength(1);
  });

  it('ignores a question mark inside a quoted button label', () => {
    const s = splitSentences('Натисніть «Забули пароль?» на сторінці входу.');
    expect(s).toHaveLength(1);
    expect(s[0]?.question).toBe(false);
  });

  it('notes whether the writer ended the sentence at all', () => {
    expect(splitSentences('какой у вас номер заказа')[0]?.terminated).toBe(false);
  });
});
