import { describe, expect, it } from 'vitest';
import { check, dialog } from './fixtures/build-dialog.js';

const reply = (text: string) =>
  check(
    dialog([
      ['contact', 0, 'Есть доставка в Казань?'],
      ['operator', 10, text],
    ]),
    'no_one_word',
  );

describe('no_one_word', () => {
  it('fails on bare "да", "ні", "ok", "не знаю", "I don\'t know"', () => {
    for (const bare of ['Да.', 'Ні', 'ok', 'Не знаю', "I don't know.", 'Нет, не знаю', 'Так']) {
      expect(reply(bare)).toMatchObject({ outcome: 'fail', messageSeq: 2 });
    }
  });

  it('fails on any other single-word reply ("Завтра.", "Отправлено")', () => {
    expect(reply('Завтра.').outcome).toBe('fail');
    expect(reply('Відправлено').outcome).toBe('fail');
  });

  it('passes "Не знаю, уточню у коллег" and "Да, конечно, есть"', () => {
    expect(reply('Не знаю, уточню у коллег').outcome).toBe('pass');
    expect(reply('Да, конечно, есть').outcome).toBe('pass');
  });

  it('does not count courtesy words sent alone: greeting, thanks, "минутку", "пожалуйста"', () => {
    for (const courtesy of ['Здравствуйте!', 'Спасибо!', 'Минутку', 'Пожалуйста!', 'Goodbye!']) {
      expect(reply(courtesy).outcome).toBe('pass');
    }
  });

  it('does not count a one-word question such as "Получилось?"', () => {
    expect(reply('Получилось?').outcome).toBe('pass');
  });

  it('ignores bot messages', () => {
    const input = dialog([
      ['bot', 0, 'Ок'],
      ['contact', 1, 'Вопрос'],
      ['operator', 10, 'Добрый день, слушаю вас.'],
    ]);
    expect(check(input, 'no_one_word').outcome).toBe('pass');
  });
});
