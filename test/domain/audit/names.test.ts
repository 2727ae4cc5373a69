import { describe, expect, it } from 'vitest';
import { analyzeMessages } from '../../../src/domain/audit/analyze.js';
import {
  formNameWords,
  introducedNameWords,
  nameKeys,
  tokenIsName,
} from '../../../src/domain/audit/names.js';
import { tokenize } from '../../../src/domain/audit/normalize.js';

const addresses = (name: string, word: string): boolean =>
  tokenIsName(tokenize(word)[0]!, nameKeys([name]));

const introduced = (text: string, afterNameAsk = false): string[] => {
  const [m] = analyzeMessages([{ seq: 1, author: 'contact', text, at: 0 }]);
  return introducedNameWords(m!, afterNameAsk);
};

describe('addressing by name', () => {
  it('accepts Russian and Ukrainian case forms', () => {
    for (const form of ['Ольга', 'Ольге', 'Ольгу', 'Ольгой', 'Ольго']) {
      expect(addresses('Ольга', form)).toBe(true);
    }
    expect(addresses('Андрій', 'Андрію')).toBe(true);
    expect(addresses('Олег', 'Олеже')).toBe(true);
  });

  it('accepts the name written in the other script', () => {
    expect(addresses('Olga', 'Ольга')).toBe(true);
    expect(addresses('Сергей', 'Sergey')).toBe(true);
  });

  it('accepts common diminutives', () => {
    expect(addresses('Ольга', 'Олечка')).toBe(true);
    expect(addresses('Екатерина', 'Катя')).toBe(true);
    expect(addresses('Michael', 'Mike')).toBe(true);
  });

  it('forgives a typo in a longer name', () => {
    expect(addresses('Michael', 'Micheal')).toBe(true);
  });

  it('does not take an ordinary word for the name', () => {
    expect(addresses('Вера', 'верно')).toBe(false);
    expect(addresses('Анна', 'an')).toBe(false);
  });
});

describe('names from the form', () => {
  it('keeps every word of a real name', () => {
    expect(formNameWords('Иванова Мария')).toEqual(['иванова', 'мария']);
  });

  it('treats placeholders, e-mails and numbers as unknown', () => {
    expect(formNameWords('Guest 1042')).toEqual([]);
    expect(formNameWords('Гість')).toEqual([]);
    expect(formNameWords('olga.k@mail.ru')).toEqual([]);
    expect(formNameWords(null)).toEqual([]);
  });
});

describe('names said in the dialog', () => {
  it('finds the name after "меня зовут", "мене звати" and "my name is", in any case', () => {
    expect(introduced('здравствуйте меня зовут ольга')).toEqual(['ольга']);
    expect(introduced('Мене звати Тарас. Маю питання')).toEqual(['тарас']);
    expect(introduced('Hi! My name is Olena.')).toEqual(['olena']);
  });

  it('finds a name placed inside the phrase', () => {
    expect(introduced('Меня Ольга зовут')).toEqual(['ольга']);
  });

  it('takes "Я Андрей." and "I\'m Priya, …" only for a capitalised word standing alone', () => {
    expect(introduced('Добрый день, я Андрей. Вопрос по рассрочке')).toEqual(['андрей']);
    expect(introduced("Hey, I'm Priya. I was charged twice")).toEqual(['priya']);
    expect(introduced("I'm having trouble with my order")).toEqual([]);
    expect(introduced('Я не могу войти')).toEqual([]);
  });

  it('reads a short reply to the name question as the name', () => {
    expect(introduced('Нина Петровна', true)).toEqual(['нина', 'петровна']);
    expect(introduced('просто Оля', true)).toEqual(['оля']);
  });

  it('does not read a refusal or a new question as the name', () => {
    expect(introduced('неважно. подписку как отменить', true)).toEqual([]);
    expect(introduced('Хочу вернуть товар', true)).toEqual([]);
    expect(introduced('Да', true)).toEqual([]);
  });
});
