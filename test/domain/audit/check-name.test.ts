import { describe, expect, it } from 'vitest';
import { check, dialog } from './fixtures/build-dialog.js';

describe('name', () => {
  it('passes when the operator uses the form name in a case form', () => {
    const input = dialog(
      [
        ['contact', 0, 'Вопрос'],
        ['operator', 10, 'Добрый день! Ольге я уже ответила письмом.'],
      ],
      'Ольга',
    );
    expect(check(input, 'name')).toMatchObject({ outcome: 'pass', messageSeq: 2 });
  });

  it('passes for a Ukrainian vocative of a name the client gave ("мене звати Тарас")', () => {
    const input = dialog([
      ['contact', 0, 'Мене звати Тарас, маю питання'],
      ['operator', 10, 'Вітаю, Тарасе!'],
    ]);
    expect(check(input, 'name').outcome).toBe('pass');
  });

  it('fails when the name is known but never used', () => {
    const input = dialog(
      [
        ['contact', 0, 'Вопрос'],
        ['operator', 10, 'Здравствуйте! Отвечаю на вопрос.'],
      ],
      'Ольга',
    );
    expect(check(input, 'name').outcome).toBe('fail');
  });

  it('counts only uses after the name became known', () => {
    const input = dialog([
      ['contact', 0, 'Hi'],
      ['operator', 10, 'Hello! How can I help?'],
      ['contact', 20, "I'm Sarah, by the way."],
      ['operator', 30, 'Your order ships tomorrow.'],
    ]);
    expect(check(input, 'name')).toMatchObject({ outcome: 'fail', messageSeq: 3 });
  });

  it('passes when the name is unknown and the operator asks how to address the client', () => {
    const input = dialog([
      ['contact', 0, 'Добрый день'],
      ['operator', 10, 'Здравствуйте! Как к вам обращаться?'],
    ]);
    expect(check(input, 'name')).toMatchObject({ outcome: 'pass', messageSeq: 2 });
  });

  it('learns the name from the reply to that question and then expects it to be used', () => {
    const asked = dialog([
      ['contact', 0, 'Добрый день'],
      ['operator', 10, 'Как я могу к вам обращаться?'],
      ['contact', 20, 'Марк'],
      ['operator', 30, 'Чем могу помочь?'],
    ]);
    expect(check(asked, 'name')).toMatchObject({ outcome: 'fail', messageSeq: 3 });
  });

  it('treats a placeholder form name as unknown', () => {
    const input = dialog(
      [
        ['contact', 0, 'hi'],
        ['operator', 10, 'Hi! How can I help?'],
      ],
      'Guest 1042',
    );
    expect(check(input, 'name')).toMatchObject({ outcome: 'fail', messageSeq: null });
  });
});
