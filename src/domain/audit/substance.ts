// Sorting operator sentences into formula (greetings, thanks, waits,
// closings), questions about the problem, and substance. The clarifying,
// helped and one-word checks all rest on these few definitions.
import {
  type AnalyzedMessage,
  coveredBy,
  has,
  hits,
  isQuestionLike,
  isStopword,
} from './analyze.js';
import type { Concept } from './lexicon-types.js';
import { tokenIsName } from './names.js';
import type { Sentence } from './normalize.js';
import { INTERROGATIVES } from './phrase-matcher.js';

/** Phrases whose words say nothing about the client's problem. */
const FORMULA: readonly Concept[] = [
  'greeting',
  'thanks',
  'welcome',
  'apology',
  'ack',
  'self_intro',
  'how_can_help',
  'name_ask',
  'name_intro',
  'bare_reply',
  'clarify_request',
];

/**
 * Words left after removing formula phrases, stopwords, question words and the
 * client's name: what the sentence is about.
 */
export function contentCount(sentence: Sentence, nameKeys: readonly string[]): number {
  const covered = coveredBy(sentence, FORMULA);
  return sentence.tokens.filter(
    (t, i) =>
      !covered.has(i) && !isStopword(t) && !INTERROGATIVES.has(t.word) && !tokenIsName(t, nameKeys),
  ).length;
}

const SHORT_MESSAGE_WORDS = 3;

const TIME_UNIT = /^(мин|хв|min|сек|sec|час|год|hour|hr|дн|день|day)/;

/** "5 минут", "10-15 хвилин", "2 hours": a number followed by a unit of time. */
export function saysHowLong(sentence: Sentence): boolean {
  return sentence.tokens.some(
    (t, i) => /^\d+$/.test(t.word) && TIME_UNIT.test(sentence.tokens[i + 1]?.word ?? ''),
  );
}

/**
 * A warning announces that it will take time or says what the operator is
 * doing ("проверю", "let me check", "займёт пару минут"). A bare "минутку" /
 * "one moment" without a time is courtesy, not a warning.
 */
export function isWarning(sentence: Sentence): boolean {
  return (
    has(sentence, 'wait_check') ||
    has(sentence, 'wait_time') ||
    (has(sentence, 'wait') && saysHowLong(sentence))
  );
}

/** Where a farewell occurs in the sentence: a goodbye phrase, a short "пока", or an opening wish. */
export function farewellHit(sentence: Sentence, message: AnalyzedMessage): number[] | null {
  const phrase = hits(sentence, 'farewell')[0];
  if (phrase) return phrase;
  if (message.words.length <= SHORT_MESSAGE_WORDS) {
    const short = hits(sentence, 'farewell_short')[0];
    if (short) return short;
  }
  return wishHit(sentence);
}

/**
 * "Хорошей игры, Вадим!", "Гарної подорожі!", "Have fun, Ethan!", "Safe travels":
 * a wish opening a statement (after the name or a courtesy word), not a question.
 */
function wishHit(sentence: Sentence): number[] | null {
  if (isQuestionLike(sentence)) return null;
  const skip = coveredBy(sentence, ['ack', 'thanks', 'welcome', 'greeting']);
  const tokens = sentence.tokens;
  let i = 0;
  while (i < tokens.length && (skip.has(i) || (tokens[i]!.breakAfter && i < 2))) i++;
  const wish = hits(sentence, 'farewell_wish').find((hit) => Math.min(...hit) === i);
  // "Have a look at…" is an instruction, not a wish.
  if (!wish || tokens[Math.max(...wish) + 1]?.word === 'look') return null;
  return wish;
}

export function isFarewell(sentence: Sentence, message: AnalyzedMessage): boolean {
  return farewellHit(sentence, message) !== null;
}

// Question words that ask for information rather than yes or no.
const WH_WORDS = new Set(
  (
    'как какой какая какое какие каким какую какого когда где куда откуда сколько почему зачем что кто чем чей который которая ' +
    'як який яка яке які яким яку якого коли де куди звідки скільки чому навіщо що хто чим чий котрий ' +
    'what which when where why how who whose'
  ).split(' '),
);

/** Not about the outcome: other questions that are procedure, offers or identification. */
const NOT_OUTCOME: readonly Concept[] = [
  'anything_else',
  'presence_check',
  'name_ask',
  'how_can_help',
  'phone_ask',
  'phone_push',
  'offer',
  'transfer',
];

/**
 * A yes/no question about the outcome, recognised by form: after the
 * vocative and any courtesy ("Николай, …", "Great! …"), it does not open with
 * a request for data ("tell me the last 4 digits"), it has no question word
 * (that asks for information: "за какую покупку…?"), and it is not an offer, the anything-else or
 * the presence check. "Відкрилося?", "Is the display showing your usage
 * again?", "Подскажите, в приложении статус уже сменился?".
 */
function isPolarOutcomeQuestion(sentence: Sentence): boolean {
  if (NOT_OUTCOME.some((c) => has(sentence, c))) return false;
  const courtesy = coveredBy(sentence, ['ack', 'thanks', 'greeting', 'apology', 'welcome']);
  const requests = coveredBy(sentence, ['clarify_request']);
  const tokens = sentence.tokens;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const vocative = t.breakAfter && t.original[0] !== t.original[0]?.toLowerCase();
    if (courtesy.has(i) || vocative) i++;
    else if (requests.has(i) && t.breakAfter) i++;
    else break;
  }
  if (i >= tokens.length || requests.has(i)) return false;
  return !tokens.some((t) => isWhWord(t.word));
}

/**
 * Whether it helped, as a question: a phrase of the helped lexicon ("помогло
 * ли", "чи зрозуміло", "did that work"), or — once the operator has answered —
 * any yes/no question about the outcome.
 */
export function asksHelped(sentence: Sentence, answered = false): boolean {
  if (!isQuestionLike(sentence)) return false;
  if (has(sentence, 'helped')) return true;
  return answered && isPolarOutcomeQuestion(sentence);
}

export function asksAnythingElse(sentence: Sentence): boolean {
  return isQuestionLike(sentence) && has(sentence, 'anything_else');
}

/**
 * Sentences that are entirely procedure: waits, self-introductions, transfers,
 * closings, presence and follow-up checks.
 */
function isProcedure(sentence: Sentence, message: AnalyzedMessage, answered: boolean): boolean {
  return (
    has(sentence, 'wait') ||
    isWarning(sentence) ||
    has(sentence, 'presence_check') ||
    has(sentence, 'self_intro') ||
    has(sentence, 'transfer') ||
    isFarewell(sentence, message) ||
    (answered && asksHelped(sentence, answered)) ||
    asksAnythingElse(sentence)
  );
}

/**
 * A question about the problem: question-like, not a procedure, not a request
 * for the phone number (that is identification, judged by no_phone_push), not
 * an offer ("Оформить?", "can I schedule a call?"), and
 * with at least one content word once "how can I help" and the name question
 * are taken out ("що сталося з вашим замовленням?" counts, "что случилось?"
 * does not). Before any answer, "получилось войти?" is troubleshooting, so it
 * counts too; after one it is the helped check.
 */
export function isClarifying(
  sentence: Sentence,
  message: AnalyzedMessage,
  nameKeys: readonly string[],
  answered: boolean,
): boolean {
  return (
    isQuestionLike(sentence) &&
    !isProcedure(sentence, message, answered) &&
    !asksForPhone(sentence) &&
    !isOffer(sentence) &&
    contentCount(sentence, nameKeys) >= 1
  );
}

// "по номеру телефона": the number as a means, not asked for.
export const INSTRUMENTAL = new Set(['по', 'через', 'за', 'by', 'via', 'with', 'using']);

/** The phone ask phrase, unless the number is only named as a means ("перевод по номеру телефона"). */
export function phoneAskHit(sentence: Sentence, hit: readonly number[]): boolean {
  return !INSTRUMENTAL.has(sentence.tokens[Math.min(...hit) - 1]?.word ?? '');
}

/** A question word in any case form ("какому", "якій", "которого"). */
function isWhWord(word: string): boolean {
  return (
    WH_WORDS.has(word) ||
    /^(как(ой|ая|ое|ие|ом|ому|им|их|ими|ую|ого)|як(ий|а|е|і|ому|ій|им|их|ими|у|ого)|котор|котр)/.test(
      word,
    )
  );
}

/** "Оформить?", "Can I schedule one for you?" — but "На какую дату хотите перенести?" asks. */
function isOffer(sentence: Sentence): boolean {
  if (!has(sentence, 'offer') || has(sentence, 'clarify_request')) return false;
  // A question word or a choice ("ОСАГО или КАСКО?") asks about the problem.
  return !sentence.tokens.some((t) => isWhWord(t.word) || CHOICE.has(t.word));
}

const CHOICE = new Set(['или', 'либо', 'або', 'чи', 'or']);

function asksForPhone(sentence: Sentence): boolean {
  return hits(sentence, 'phone_ask').some((hit) => phoneAskHit(sentence, hit));
}

/**
 * A statement telling the client something: two content words, or one after
 * an opening yes/no ("Да, можно вернуть", "Ні, тільки карткою").
 */
export function isSubstantive(
  sentence: Sentence,
  message: AnalyzedMessage,
  nameKeys: readonly string[],
): boolean {
  if (isQuestionLike(sentence) || isProcedure(sentence, message, true)) return false;
  const opensWithYesNo = coveredBy(sentence, ['bare_reply']).has(0);
  return contentCount(sentence, nameKeys) >= (opensWithYesNo ? 1 : 2);
}

/** One-word messages that are courtesy, not a reply ("Здравствуйте!", "Минутку", "Спасибо"). */
const ONE_WORD_EXEMPT: readonly Concept[] = [
  'greeting',
  'farewell',
  'farewell_short',
  'thanks',
  'welcome',
  'apology',
  'wait',
  'presence_check',
  'how_can_help',
];

/**
 * "Да", "Нет, не знаю", "ok", "Завтра." — a bare reply with nothing around it.
 * A one-word question ("Получилось?", "Нашли?") asks rather than replies, so it
 * is not one, unless the word itself is a bare reply ("Да?").
 */
export function isOneWordReply(message: AnalyzedMessage, nameKeys: readonly string[]): boolean {
  const words = message.words;
  if (words.length === 0) return false;
  const allBare = message.sentences.every(
    (s) => coveredBy(s, ['bare_reply']).size === s.tokens.length,
  );
  if (allBare && words.length <= 4) return true;
  const sentence = message.sentences[0];
  const word = words[0];
  if (words.length !== 1 || !sentence || !word || sentence.question) return false;
  return coveredBy(sentence, ONE_WORD_EXEMPT).size === 0 && !tokenIsName(word, nameKeys);
}
