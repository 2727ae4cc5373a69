import { describe, expect, it } from 'vitest';
import { check, dialog } from './fixtures/build-dialog.js';

const answered = (closing: readonly string[], contactName: string | null = null) =>
  dialog(
    [
      ['contact', 0, 'Сколько стоит доставка?'],
      ['operator', 10, 'Здравствуйте! Доставка стоит 300 рублей по городу.'],
      ...closing.map((text, i) => ['operator', 20 + i, text] as const),
    ],
    contactName,
  );

describe('helped_check', () => {
  it('passes when the operator asks whether the answer helped, in any language', () => {
    for (const q of [
      'Помог ли вам мой ответ?',
      'Чи допомогла вам ця інформація?',
      'Did that solve it?',
      'Получилось?',
      'Were you able to switch it?',
    ]) {
      expect(check(answered([q]), 'helped_check')).toMatchObject({
        outcome: 'pass',
        messageSeq: 3,
      });
    }
  });

  it('fails when the operator answered and did not ask', () => {
    expect(check(answered(['Всего доброго!']), 'helped_check').outcome).toBe('fail');
  });

  it('does not take "how can I help?" for the helped question', () => {
    const input = dialog([
      ['contact', 0, 'hi'],
      ['operator', 10, 'Hi! How can I help you today?'],
    ]);
    expect(check(input, 'helped_check')).toMatchObject({ outcome: 'fail', messageSeq: null });
  });

  it('fails a dialog the operator took but never answered, and is na only when nobody took it', () => {
    const greeted = dialog([
      ['contact', 0, 'Добрий вечір'],
      ['operator', 10, 'Добрий вечір! Чим можу допомогти?'],
    ]);
    expect(check(greeted, 'helped_check').outcome).toBe('fail');
    const nobody = dialog([['contact', 0, 'Добрий вечір, не приходить код']]);
    expect(check(nobody, 'helped_check').outcome).toBe('na');
  });
});

describe('anything_else', () => {
  it('passes on "anything else" questions in any word order and language', () => {
    for (const q of [
      'Остались ли у вас вопросы?',
      'Вопросы ещё есть?',
      'Чим ще можу допомогти?',
      'Anything else?',
    ]) {
      expect(check(answered([q]), 'anything_else').outcome).toBe('pass');
    }
  });

  it('does not count "write if you have more questions", which does not ask', () => {
    expect(check(answered(['Если будут ещё вопросы — пишите.']), 'anything_else').outcome).toBe(
      'fail',
    );
  });

  it('does not count "how can I help?" without "else"', () => {
    expect(check(answered(['Чем могу помочь?']), 'anything_else').outcome).toBe('fail');
  });
});

describe('farewell', () => {
  it('passes on a goodbye by name when the name is known', () => {
    const input = answered(['Всего доброго, Ольга!'], 'Ольга');
    expect(check(input, 'farewell')).toMatchObject({ outcome: 'pass', messageSeq: 3 });
  });

  it('accepts the name in the operator message sent together with the goodbye', () => {
    const input = answered(['Спасибо за обращение, Ольга!', 'Всего доброго!'], 'Ольга');
    expect(check(input, 'farewell').outcome).toBe('pass');
  });

  it('fails on a goodbye without the name when the name is known', () => {
    const input = answered(['До побачення!'], 'Ірина');
    expect(check(input, 'farewell')).toMatchObject({ outcome: 'fail', messageSeq: 3 });
  });

  it('passes on a plain goodbye when the name was never known', () => {
    expect(check(answered(['Have a nice day!']), 'farewell').outcome).toBe('pass');
  });

  it('fails when the operator never says goodbye', () => {
    expect(check(answered(['Есть ещё вопросы?']), 'farewell')).toMatchObject({
      outcome: 'fail',
      messageSeq: null,
    });
  });

  it('does not read "пока" meaning "for now" as a goodbye', () => {
    expect(check(answered(['Платёж пока обрабатывается банком.']), 'farewell').outcome).toBe(
      'fail',
    );
  });

  it('does not read the greeting "Доброго дня" in the first message as a goodbye', () => {
    const input = dialog([
      ['contact', 0, 'Питання'],
      ['operator', 10, 'Доброго дня!'],
      ['operator', 20, 'Слухаю вас.'],
    ]);
    expect(check(input, 'farewell').outcome).toBe('fail');
  });
});
