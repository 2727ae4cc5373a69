// What the built-in bot says when the admin has not said otherwise, in the
// languages it greets in (en, ru, uk), and the words it understands.
import type { BotLanguage, LocalizedText } from './types.js';

export interface BotPhrases {
  greeting: string;
  found: string;
  helped: string;
  yes: string;
  no: string;
  person: string;
  notFound: string;
  handOver: string;
  resolved: string;
  chooseNumber: string;
}

export const PHRASES: Record<BotLanguage, BotPhrases> = {
  en: {
    greeting: 'Hello! I am the assistant. Ask your question or pick a topic.',
    found: 'This may help:',
    helped: 'Did that answer your question?',
    yes: 'Yes, thanks',
    no: 'No',
    person: 'Talk to a person',
    notFound: 'I could not find an answer. Try other words, or talk to a person.',
    handOver: 'Connecting you to an operator; your question and our chat are passed on.',
    resolved: 'Glad I could help! Write again any time.',
    chooseNumber: 'Reply with a number:',
  },
  ru: {
    greeting: 'Здравствуйте! Я виртуальный помощник. Задайте вопрос или выберите тему.',
    found: 'Возможно, это поможет:',
    helped: 'Это ответило на ваш вопрос?',
    yes: 'Да, спасибо',
    no: 'Нет',
    person: 'Позвать оператора',
    notFound: 'Я не нашёл ответа. Попробуйте другими словами или позовите оператора.',
    handOver: 'Соединяю с оператором; ваш вопрос и наша переписка будут переданы.',
    resolved: 'Рад был помочь! Пишите в любое время.',
    chooseNumber: 'Ответьте номером:',
  },
  uk: {
    greeting: 'Вітаю! Я віртуальний помічник. Поставте питання або оберіть тему.',
    found: 'Можливо, це допоможе:',
    helped: 'Це відповіло на ваше питання?',
    yes: 'Так, дякую',
    no: 'Ні',
    person: 'Покликати оператора',
    notFound: 'Я не знайшов відповіді. Спробуйте іншими словами або покличте оператора.',
    handOver: "З'єдную з оператором; ваше питання і наше листування буде передано.",
    resolved: 'Радий був допомогти! Пишіть будь-коли.',
    chooseNumber: 'Відповідайте номером:',
  },
};

/** The admin's text in the language, else English, else any; `fallback` when none. */
export function localized(
  text: LocalizedText | undefined,
  language: BotLanguage,
  fallback = '',
): string {
  if (!text) return fallback;
  return text[language] || text.en || Object.values(text).find((t) => t) || fallback;
}

/**
 * Words that ask for a person, as word stems (ru/uk/en): "оператор",
 * "человека", "живого", "людину", "a human", "agent". Checked on short
 * messages only, so a question that mentions an operator is still a question.
 */
const PERSON_STEMS = [
  'person',
  'human',
  'operator',
  'agent',
  'someone real',
  'real person',
  'оператор',
  'человек',
  'живо',
  'живи',
  'сотрудник',
  'менеджер',
  'людин',
  'люди',
  'співробітник',
];

/** A person keyword counts only in a message of at most this many words. */
const PERSON_MAX_WORDS = 5;

export function asksForPerson(text: string): boolean {
  const folded = fold(text);
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  if (words.length === 0 || words.length > PERSON_MAX_WORDS) return false;
  return PERSON_STEMS.some((stem) =>
    stem.includes(' ') ? folded.includes(stem) : words.some((w) => w.startsWith(stem)),
  );
}

const YES = new Set([
  'yes',
  'yep',
  'yeah',
  'y',
  'да',
  'ага',
  'так',
  'угу',
  'thanks',
  'спасибо',
  'дякую',
]);
const NO = new Set(['no', 'nope', 'n', 'нет', 'ні', 'не']);

/** "yes"/"да"/"так" (true), "no"/"нет"/"ні" (false), or neither (null), for replies typed by hand. */
export function yesOrNo(text: string): boolean | null {
  const first = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  if (first.length === 0 || first.length > 3) return null;
  if (YES.has(first[0]!)) return true;
  if (NO.has(first[0]!)) return false;
  return null;
}

export function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').trim();
}
