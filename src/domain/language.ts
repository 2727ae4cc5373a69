/**
 * Language of a conversation from the client's first messages (issue 3), used
 * for language routing and for the language of client notices. The operator
 * can override it, so an honest null ("not sure yet") beats a confident guess:
 * a wrong language routes the client to someone who cannot read them.
 *
 * tinyld does the statistics, but its n-gram scores are weak on the short
 * Cyrillic messages chats start with (it calls "Добрий день" Russian, and
 * "Доброго дня" is valid in both languages). So for Cyrillic text, markers
 * found in only one of Russian and Ukrainian decide first when present:
 * letters of one alphabet only, and a few very common words of one language
 * only.
 */
import { detectAll } from 'tinyld';

export const DEFAULT_LANGUAGES: readonly string[] = ['ru', 'uk', 'en'];

/** Letters of the Ukrainian alphabet that Russian lacks, and vice versa. */
const UKRAINIAN_ONLY = /[іїєґ]/giu;
const RUSSIAN_ONLY = /[ыэъё]/giu;

/**
 * Frequent chat words that exist in one language only (the other says it
 * differently: "як" / "как", "де" / "где", "дякую" / "спасибо"). Words shared
 * by both ("так", "уже", "доброго") are deliberately absent; words with a
 * marker letter need not be listed.
 */
const UKRAINIAN_WORDS = new Set(
  (
    'добрий дякую будь ласка чи мене мені як що це коли де немає але або ' +
    'вже треба можна дуже щось замовлення питання'
  ).split(' '),
);
const RUSSIAN_WORDS = new Set(
  (
    'спасибо пожалуйста здравствуйте привет что как где когда меня мне нет ' +
    'или можно нужно очень почему есть заказ вопрос сейчас скажите подскажите хорошо'
  ).split(' '),
);
const LETTER = /\p{L}/gu;
const WORD = /\p{L}+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/** Languages written in Cyrillic that tinyld knows; a Latin-script text is none of them. */
const CYRILLIC_LANGUAGES = new Set(['ru', 'uk', 'be', 'bg', 'mk', 'sr', 'kk', 'ky', 'mn', 'tt']);

/** Fewer letters than this says nothing ("ok", "да", "?"). */
const MIN_LETTERS = 3;
/** Below this many letters tinyld's n-grams are close to noise. */
const MIN_LETTERS_FOR_STATISTICS = 8;
/**
 * Required lead of the best tinyld score over the runner-up, relative to the
 * best. Text valid in both Russian and Ukrainian scores within ~4 %
 * ("Доброго дня", "не знаю"); real single-language phrases lead by more.
 */
const MIN_RELATIVE_LEAD = 0.045;
/** One language's markers must outnumber the other's this much in mixed text. */
const MARKER_DOMINANCE = 2;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Best supported language for the texts, or null when they are too short or
 * unclear. Restricted to `supported` (ISO 639-1 codes).
 */
export function detectLanguage(
  texts: readonly string[],
  supported: readonly string[] = DEFAULT_LANGUAGES,
): string | null {
  const text = texts.join('\n');
  const letters = count(text, LETTER);
  if (letters < MIN_LETTERS || supported.length === 0) return null;

  const cyrillic = count(text, CYRILLIC);
  const latin = count(text, LATIN);
  // The script the text is mostly written in rules out whole languages before
  // any statistics: a Cyrillic message is not English, whatever its n-grams say.
  const candidates =
    cyrillic > latin
      ? supported.filter((lang) => CYRILLIC_LANGUAGES.has(lang))
      : latin > cyrillic
        ? supported.filter((lang) => !CYRILLIC_LANGUAGES.has(lang))
        : [...supported];
  if (candidates.length === 0) return null;

  if (cyrillic > latin) {
    const marked = byMarkers(text);
    if (marked !== null) return candidates.includes(marked) ? marked : null;
  }
  if (candidates.length === 1) return candidates[0]!;
  return byStatistics(text, letters, candidates);
}

/**
 * 'uk' or 'ru' when markers of one language only decide it: markers of one
 * side only, or clearly more of one side when a message mixes both (surzhyk,
 * a quoted phrase). null when there are none or it is too close to call.
 */
function byMarkers(text: string): 'uk' | 'ru' | null {
  let uk = count(text, UKRAINIAN_ONLY);
  let ru = count(text, RUSSIAN_ONLY);
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    if (UKRAINIAN_WORDS.has(word)) uk += 1;
    else if (RUSSIAN_WORDS.has(word)) ru += 1;
  }
  if (uk >= Math.max(1, ru * MARKER_DOMINANCE)) return 'uk';
  if (ru >= Math.max(1, uk * MARKER_DOMINANCE)) return 'ru';
  return null;
}

function byStatistics(text: string, letters: number, candidates: readonly string[]): string | null {
  if (letters < MIN_LETTERS_FOR_STATISTICS) return null;
  const [best, second] = detectAll(text, { only: [...candidates] });
  if (best === undefined || best.accuracy <= 0) return null;
  if (
    second !== undefined &&
    (best.accuracy - second.accuracy) / best.accuracy < MIN_RELATIVE_LEAD
  ) {
    return null;
  }
  return best.lang;
}
