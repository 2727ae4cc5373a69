import { describe, expect, it } from 'vitest';
import { containsPhoneNumber } from '../../../src/domain/audit/check-no-phone-push.js';
import { check, dialog } from './fixtures/build-dialog.js';

describe('no_phone_push', () => {
  it('fails when the operator asks for the phone number unprompted', () => {
    const input = dialog([
      ['contact', 0, 'Хочу подключить интернет'],
      ['operator', 10, 'Оставьте, пожалуйста, номер телефона — менеджер перезвонит.'],
    ]);
    expect(check(input, 'no_phone_push')).toMatchObject({ outcome: 'fail', messageSeq: 2 });
  });

  it('fails when the operator sends the client to a hotline', () => {
    for (const push of [
      'Зателефонуйте на гарячу лінію.',
      'Please call our hotline.',
      'Позвоните нам.',
    ]) {
      const input = dialog([
        ['contact', 0, 'Вопрос по заказу'],
        ['operator', 10, push],
      ]);
      expect(check(input, 'no_phone_push').outcome).toBe('fail');
    }
  });

  it('fails when the operator just sends a phone number', () => {
    const input = dialog([
      ['contact', 0, 'How do I upgrade?'],
      ['operator', 10, 'Reach us at +1 (800) 555-0199'],
    ]);
    expect(check(input, 'no_phone_push').outcome).toBe('fail');
  });

  it('passes when the client asked for a call first', () => {
    const input = dialog([
      ['contact', 0, 'Можете мне перезвонить?'],
      ['operator', 10, 'Конечно, оставьте номер телефона.'],
    ]);
    expect(check(input, 'no_phone_push').outcome).toBe('pass');
  });

  it('does not take "I can\'t call" for a call request', () => {
    const input = dialog([
      ['contact', 0, 'Я не могу звонить, напишите здесь'],
      ['operator', 10, 'Позвоните на горячую линию.'],
    ]);
    expect(check(input, 'no_phone_push').outcome).toBe('fail');
  });

  it('does not count the phone as a device, a courier call or an order number', () => {
    const input = dialog([
      ['contact', 0, 'app crashes on my phone'],
      ['operator', 10, 'Which phone model do you have? Your order 20240518001 is fine.'],
      ['operator', 20, 'Курьер позвонит за час до приезда.'],
    ]);
    expect(check(input, 'no_phone_push').outcome).toBe('pass');
  });

  it('does not count asking for the phone number an order or account is registered to', () => {
    for (const ask of [
      'Подскажите номер телефона, на который оформлен заказ?',
      "Вкажіть, будь ласка, номер телефону, до якого прив'язаний акаунт.",
      'What phone number is the account registered to?',
    ]) {
      const input = dialog([
        ['contact', 0, 'Where is my order?'],
        ['operator', 10, ask],
      ]);
      expect(check(input, 'no_phone_push').outcome, ask).toBe('pass');
    }
  });

  it('counts offering or asking to talk by phone', () => {
    for (const offer of [
      'Давайте обсудим по телефону, оставьте номер.',
      'Can I call you to sort this out quicker? What number is best?',
      'Можу вам зателефонувати?',
    ]) {
      const input = dialog([
        ['contact', 0, 'Where is my order?'],
        ['operator', 10, offer],
      ]);
      expect(check(input, 'no_phone_push').outcome, offer).toBe('fail');
    }
  });

  it('recognises grouped phone numbers but not bare digit runs', () => {
    expect(containsPhoneNumber('8 800 555-35-35')).toBe(true);
    expect(containsPhoneNumber('0 800 300 500')).toBe(true);
    expect(containsPhoneNumber('заказ 1234567890')).toBe(false);
    expect(containsPhoneNumber('с 9 до 18')).toBe(false);
  });
});
