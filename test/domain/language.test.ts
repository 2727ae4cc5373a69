import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/domain/language.js';

describe('detectLanguage', () => {
  it('recognises a Russian, a Ukrainian and an English opening message', () => {
    expect(detectLanguage(['Здравствуйте, у меня не проходит оплата картой'])).toBe('ru');
    expect(detectLanguage(['Добрий день, в мене не працює оплата карткою'])).toBe('uk');
    expect(detectLanguage(['Hello, my payment does not go through'])).toBe('en');
  });

  it('takes і ї є ґ as a strong Ukrainian signal even in a short message', () => {
    expect(detectLanguage(['Привіт'])).toBe('uk');
    expect(detectLanguage(['Скажіть'])).toBe('uk');
  });

  it('takes ы э ъ ё as a strong Russian signal where n-grams lean the other way', () => {
    // tinyld alone scores "Добрый вечер" slightly Ukrainian.
    expect(detectLanguage(['Добрый вечер'])).toBe('ru');
  });

  it('decides by words only one language has when no marker letter occurs', () => {
    expect(detectLanguage(['Добрий день, чи можна повернути товар'])).toBe('uk');
    expect(detectLanguage(['Где мой заказ'])).toBe('ru');
    expect(detectLanguage(['Дякую'])).toBe('uk');
  });

  it('lets the clearly dominant side win in mixed text', () => {
    expect(
      detectLanguage(['Добрий день, підкажіть, будь ласка, що з моїм замовлення, спасибо']),
    ).toBe('uk');
  });

  it('reads all the first messages together', () => {
    expect(detectLanguage(['Доброго дня', 'маю питання щодо доставки'])).toBe('uk');
  });

  it('returns null when the text is too short or valid in both languages', () => {
    expect(detectLanguage(['ok'])).toBeNull();
    expect(detectLanguage(['да'])).toBeNull();
    expect(detectLanguage(['Доброго дня'])).toBeNull();
    expect(detectLanguage(['не знаю'])).toBeNull();
    expect(detectLanguage(['12345 ???'])).toBeNull();
    expect(detectLanguage([])).toBeNull();
  });

  it('never answers a Cyrillic message with a Latin-script language', () => {
    expect(detectLanguage(['Здравствуйте, подскажите по доставке'], ['en', 'de'])).toBeNull();
  });

  it('only answers with a supported language', () => {
    expect(detectLanguage(['Добрий день, в мене не працює оплата'], ['ru', 'en'])).toBeNull();
    expect(detectLanguage(['Hallo, wie geht es dir heute?'], ['ru', 'uk', 'en', 'de'])).toBe('de');
  });
});
