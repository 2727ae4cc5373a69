import { describe, expect, it } from 'vitest';
import { check, dialog } from './fixtures/build-dialog.js';

describe('clarifying_question', () => {
  it('passes when a question about the problem precedes the answer', () => {
    const input = dialog([
      ['contact', 0, 'Не приходит заказ'],
      ['operator', 10, 'Здравствуйте! Подскажите номер заказа?'],
      ['contact', 20, '123'],
      ['operator', 30, 'Заказ передан курьеру, доставка завтра.'],
    ]);
    expect(check(input, 'clarifying_question')).toMatchObject({ outcome: 'pass', messageSeq: 2 });
  });

  it('counts a request without a question mark ("уточните пожалуйста дату")', () => {
    const input = dialog([
      ['contact', 0, 'списали дважды'],
      ['operator', 10, 'здравствуйте! уточните пожалуйста дату и сумму списаний'],
      ['contact', 20, 'вчера'],
      ['operator', 30, 'Второе списание отменится автоматически.'],
    ]);
    expect(check(input, 'clarifying_question').outcome).toBe('pass');
  });

  it('does not count "how can I help?" or the name question', () => {
    const input = dialog([
      ['contact', 0, 'Добрый день'],
      ['operator', 10, 'Здравствуйте! Как к вам обращаться? Чем могу помочь?'],
      ['contact', 20, 'Хочу поменять размер куртки'],
      ['operator', 30, 'Обмен оформляется в личном кабинете за пару кликов.'],
    ]);
    expect(check(input, 'clarifying_question')).toMatchObject({ outcome: 'fail', messageSeq: 4 });
  });

  it('counts a specific "what happened with your order?" but not a generic "what happened?"', () => {
    const specific = dialog([
      ['contact', 0, 'оператор'],
      ['operator', 10, 'Що сталося з вашим замовленням?'],
    ]);
    expect(check(specific, 'clarifying_question').outcome).toBe('pass');
  });

  it('fails when the operator answers straight away', () => {
    const input = dialog([
      ['contact', 0, 'How much is delivery to Lviv?'],
      ['operator', 10, 'Hello! Delivery to Lviv costs 70 UAH.'],
    ]);
    expect(check(input, 'clarifying_question').outcome).toBe('fail');
  });

  it('treats a bare "yes" as an answer', () => {
    const input = dialog([
      ['contact', 0, 'Can I change my plan online?'],
      ['operator', 10, 'yes'],
    ]);
    expect(check(input, 'clarifying_question').outcome).toBe('fail');
  });

  it('does not count a request for the phone number as a question about the problem', () => {
    const input = dialog([
      ['contact', 0, 'Когда доставка заказа 55123?'],
      ['operator', 10, 'Номер телефона, на который оформлен заказ?'],
      ['contact', 20, '+79161234567'],
      ['operator', 30, 'Доставка завтра до обеда.'],
    ]);
    expect(check(input, 'clarifying_question').outcome).toBe('fail');
  });

  it('does not take a transfer notice for the answer', () => {
    const input = dialog([
      ['contact', 0, 'Хочу оспорить штраф'],
      ['operator', 10, 'Ваш вопрос решает отдел претензий, перевожу вас туда.'],
      ['operator', 60, 'Здравствуйте! Подскажите номер договора?'],
      ['contact', 70, 'Д-4411'],
      ['operator', 80, 'Штраф начислен ошибочно, мы его аннулировали.'],
    ]);
    expect(check(input, 'clarifying_question')).toMatchObject({ outcome: 'pass', messageSeq: 3 });
  });

  it('is not applicable when the client never stated a problem', () => {
    const input = dialog([
      ['contact', 0, 'hi'],
      ['operator', 10, 'Hi! How can I help you today?'],
    ]);
    expect(check(input, 'clarifying_question').outcome).toBe('na');
  });
});
