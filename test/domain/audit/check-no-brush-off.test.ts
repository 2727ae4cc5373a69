import { describe, expect, it } from 'vitest';
import { check, dialog } from './fixtures/build-dialog.js';

describe('no_brush_off', () => {
  it('fails when the operator sends the client to the site or FAQ instead of helping', () => {
    for (const brush of [
      'Посмотрите на нашем сайте, там всё написано.',
      'Вся інформація є на сайті в розділі FAQ.',
      'Please read the FAQ on our website.',
    ]) {
      const input = dialog([
        ['contact', 0, 'Как вернуть товар?'],
        ['operator', 10, `Здравствуйте! ${brush}`],
      ]);
      expect(check(input, 'no_brush_off'), brush).toMatchObject({ outcome: 'fail', messageSeq: 2 });
    }
  });

  it('passes an answer that adds a link for details', () => {
    const input = dialog([
      ['contact', 0, 'How do I return an item?'],
      ['operator', 10, 'You can return it within 30 days at any pickup point with the receipt.'],
      ['operator', 15, 'All the details are on our website, see the Returns page.'],
    ]);
    expect(check(input, 'no_brush_off').outcome).toBe('pass');
  });

  it('fails a hedge beside a referral: "it depends" or "I can\'t say" is no help', () => {
    for (const reply of [
      'Это зависит от тарифа. Всё описано на нашем сайте.',
      'Не могу сказать точно. Вся информация есть на сайте.',
      'Depends on your plan. Everything is explained on our website.',
      "I can't tell you that, sorry. Please check our FAQ.",
      'Hard to say. Have a look at our help center.',
      'Важко сказати. Усе описано на нашому сайті.',
      'Не знаю, посмотрите на сайте.',
      'Ні, не знаю. Дивіться на сайті.',
    ]) {
      const input = dialog([
        ['contact', 0, 'Сколько стоит роуминг?'],
        ['operator', 10, reply],
      ]);
      expect(check(input, 'no_brush_off'), reply).toMatchObject({ outcome: 'fail', messageSeq: 2 });
    }
  });

  it('fails the elliptical completion of a hedge in the next turn', () => {
    const input = dialog([
      ['contact', 0, 'do you cover rental cars abroad'],
      ['operator', 20, 'Depends.'],
      ['contact', 40, 'on what'],
      ['operator', 60, 'On your tariff. Everything is described on our website.'],
    ]);
    expect(check(input, 'no_brush_off')).toMatchObject({ outcome: 'fail', messageSeq: 4 });
    const ru = dialog([
      ['contact', 0, 'Сколько идёт доставка?'],
      ['operator', 20, 'Зависит.'],
      ['contact', 40, 'от чего'],
      ['operator', 60, 'От города. Сроки указаны на сайте.'],
    ]);
    expect(check(ru, 'no_brush_off').outcome).toBe('fail');
  });

  it('fails plain imperatives and "all the answers are there" referrals', () => {
    for (const reply of [
      'Дивіться на сайті.',
      'Гляньте на сайте, там всё есть.',
      'Все ответы в нашем FAQ.',
      'Head over to our help centre for that.',
    ]) {
      const input = dialog([
        ['contact', 0, 'Як повернути товар?'],
        ['operator', 10, reply],
      ]);
      expect(check(input, 'no_brush_off').outcome, reply).toBe('fail');
    }
  });

  it('passes a hedge that resolves with figures, a bare yes or no, and a short answer with a link', () => {
    for (const reply of [
      'Зависит от тарифа: на Базовом 100 ГБ, на Про 500 ГБ. Всё описано на сайте.',
      'It depends on the plan: 10 GB on Basic, 50 GB on Pro. Details are on our website.',
      'Да, можно. Подробнее на сайте в разделе «Возврат».',
      'Ні, не потрібно. Деталі описані на сайті.',
      'Delivery is free over $50. Details are on our website.',
      'Доставка бесплатная. Подробности на сайте.',
    ]) {
      const input = dialog([
        ['contact', 0, 'Можно вернуть товар?'],
        ['operator', 10, reply],
      ]);
      expect(check(input, 'no_brush_off').outcome, reply).toBe('pass');
    }
    // "Зависло" is no hedge: the stem of "зависит" must not catch it.
    const frozen = dialog([
      ['contact', 0, 'Приложение зависло, что делать?'],
      ['operator', 10, 'Если приложение зависло, перезапустите его. Инструкция есть на сайте.'],
    ]);
    expect(check(frozen, 'no_brush_off').outcome).toBe('pass');
  });

  it('is na only when nobody took the dialog', () => {
    expect(check(dialog([['contact', 0, 'Как вернуть товар?']]), 'no_brush_off').outcome).toBe(
      'na',
    );
    const taken = dialog([['contact', 0, 'Как вернуть товар?']]);
    expect(check({ ...taken, taken: true }, 'no_brush_off').outcome).toBe('pass');
  });
});
