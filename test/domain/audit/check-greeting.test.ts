import { describe, expect, it } from 'vitest';
import { check, dialog } from './fixtures/build-dialog.js';

describe('greeting', () => {
  it('passes when the operator opens with a greeting in any of the three languages', () => {
    for (const hello of [
      'Здравствуйте! Чем помочь?',
      'Вітаю, Оксано!',
      'Hi there, John!',
      'Доброго времени суток',
    ]) {
      const input = dialog([
        ['contact', 0, 'Вопрос'],
        ['operator', 10, hello],
      ]);
      expect(check(input, 'greeting').outcome).toBe('pass');
    }
  });

  it('passes when the greeting follows the name ("Дмитрий, добрый день!")', () => {
    const input = dialog([
      ['contact', 0, 'Вопрос'],
      ['operator', 10, 'Дмитрий, добрый день! Слушаю.'],
    ]);
    expect(check(input, 'greeting')).toMatchObject({ outcome: 'pass', messageSeq: 2 });
  });

  it('tolerates typos and capitals', () => {
    const input = dialog([
      ['contact', 0, 'где заказ'],
      ['operator', 10, 'ЗДРАСТВУЙТЕ, Наталья!'],
    ]);
    expect(check(input, 'greeting').outcome).toBe('pass');
  });

  it('fails when only the bot greeted and the operator goes straight to business', () => {
    const input = dialog([
      ['bot', 0, 'Здравствуйте! Я бот.'],
      ['contact', 5, 'Возврат'],
      ['operator', 20, 'Подскажите номер заказа?'],
    ]);
    expect(check(input, 'greeting')).toMatchObject({ outcome: 'fail', messageSeq: 3 });
  });

  it('looks only at the first operator message', () => {
    const input = dialog([
      ['contact', 0, 'Вопрос'],
      ['operator', 10, 'Номер заказа?'],
      ['operator', 12, 'Добрый день!'],
    ]);
    expect(check(input, 'greeting').outcome).toBe('fail');
  });

  it('is not applicable without operator messages', () => {
    expect(check(dialog([['contact', 0, 'Привет']]), 'greeting').outcome).toBe('na');
  });
});
