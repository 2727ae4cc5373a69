import { describe, expect, it } from 'vitest';
import { check, dialog } from './fixtures/build-dialog.js';

describe('wait_warning', () => {
  it('is not applicable when every reply comes within two minutes', () => {
    const input = dialog([
      ['contact', 0, 'Вопрос'],
      ['operator', 119, 'Ответ на вопрос готов.'],
    ]);
    expect(check(input, 'wait_warning').outcome).toBe('na');
  });

  it('fails on a reply 120 s after the client without a warning', () => {
    const input = dialog([
      ['contact', 0, 'Вопрос'],
      ['operator', 10, 'Здравствуйте!'],
      ['contact', 20, 'Где заказ?'],
      ['operator', 140, 'Заказ в пути.'],
    ]);
    expect(check(input, 'wait_warning')).toMatchObject({ outcome: 'fail', messageSeq: 4 });
  });

  it('passes when the operator warned before the long pause', () => {
    const input = dialog([
      ['contact', 0, 'Где заказ?'],
      ['operator', 10, 'Одну минуту, проверю информацию.'],
      ['operator', 300, 'Заказ в пути, будет завтра.'],
    ]);
    // The verdict points at the warning that covered the pause.
    expect(check(input, 'wait_warning')).toMatchObject({ outcome: 'pass', messageSeq: 2 });
  });

  it('does not take a bare acknowledgement for a warning, nor let it restart the clock', () => {
    const input = dialog([
      ['contact', 0, 'Where is my order 5512?'],
      ['operator', 20, 'Thanks, one moment.'],
      ['operator', 150, 'It left the warehouse yesterday and arrives on Friday.'],
    ]);
    expect(check(input, 'wait_warning')).toMatchObject({ outcome: 'fail', messageSeq: 3 });
    const ok = dialog([
      ['contact', 0, 'Где заказ 5512?'],
      ['operator', 20, 'Хорошо, минутку'],
      ['contact', 60, 'жду'],
      ['operator', 130, 'Заказ передан курьеру, привезут в пятницу.'],
    ]);
    expect(check(ok, 'wait_warning')).toMatchObject({ outcome: 'fail', messageSeq: 4 });
  });

  it('takes a time or a statement of checking as a warning', () => {
    for (const warning of [
      'Минутку, проверю.',
      'Подождите 5 минут, пожалуйста.',
      'One moment, let me look into it.',
    ]) {
      const input = dialog([
        ['contact', 0, 'Где заказ 5512?'],
        ['operator', 20, warning],
        ['operator', 200, 'Заказ передан курьеру, привезут в пятницу.'],
      ]);
      expect(check(input, 'wait_warning').outcome, warning).toBe('pass');
    }
  });

  it("does not count minutes in the client's question as a warning", () => {
    const input = dialog([
      ['contact', 0, 'I have been waiting 10 minutes for the code, where is it?'],
      ['operator', 180, 'The code was sent again just now to your e-mail.'],
    ]);
    expect(check(input, 'wait_warning').outcome).toBe('fail');
  });

  it('keeps the warning valid when the client only acknowledges it', () => {
    const input = dialog([
      ['contact', 0, 'Where is my order?'],
      ['operator', 10, 'Let me check with the courier, this may take a few minutes.'],
      ['contact', 15, 'ok'],
      ['operator', 300, 'It will arrive tomorrow.'],
    ]);
    expect(check(input, 'wait_warning').outcome).toBe('pass');
  });

  it('needs a new warning for a new question after the answer', () => {
    const input = dialog([
      ['contact', 0, 'Вопрос 1'],
      ['operator', 10, 'Зачекайте хвилинку, я уточню.'],
      ['operator', 100, 'Відповідь на перше питання.'],
      ['contact', 110, 'А друге питання?'],
      ['operator', 300, 'Відповідь на друге питання.'],
    ]);
    expect(check(input, 'wait_warning')).toMatchObject({ outcome: 'fail', messageSeq: 5 });
  });

  it('measures from the first unanswered client message, as reaction time does', () => {
    const input = dialog([
      ['contact', 0, 'Где посмотреть историю заказов?'],
      ['contact', 100, 'Алло?'],
      ['operator', 130, 'В профиле.'],
    ]);
    expect(check(input, 'wait_warning').outcome).toBe('fail');
  });

  it('does not accept "thanks for waiting" after the fact as a warning', () => {
    const input = dialog([
      ['contact', 0, 'How long do I have?'],
      ['operator', 200, 'Thanks for your patience! 30 days.'],
    ]);
    expect(check(input, 'wait_warning').outcome).toBe('fail');
  });

  it('ignores bot messages, even a bot warning', () => {
    const input = dialog([
      ['contact', 0, 'Вопрос'],
      ['bot', 1, 'Оператор ответит в течение 5 минут, ожидайте.'],
      ['operator', 200, 'Здравствуйте! Отвечаю на ваш вопрос.'],
    ]);
    expect(check(input, 'wait_warning').outcome).toBe('fail');
  });

  it('does not treat an operator follow-up after silence as a late reply', () => {
    const input = dialog([
      ['contact', 0, 'Вопрос'],
      ['operator', 10, 'Ответ готов, всё в порядке.'],
      ['operator', 400, 'Вы ещё здесь?'],
    ]);
    expect(check(input, 'wait_warning').outcome).toBe('na');
  });
});
