// The knowledge base's queries (docs/bot.md "Search"): any word may match
// (OR), and the rank decides, so a client's whole question finds the article
// that shares most of its words. Articles are indexed per language — english
// for en, russian for ru and uk — so each configuration gets its own query.
import { stemUkrainian } from '../audit/ukrainian-stemmer.js';
import { quoteLexeme } from './query.js';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const MIN_PREFIX_LENGTH = 3;

export interface ArticleWord {
  word: string;
  /** The word's lexemes in the `english` configuration. */
  english: string[];
  /** The word's lexemes in the `russian` configuration. */
  russian: string[];
}

export interface ArticleQueries {
  /** For English articles; null when no word has a lexeme there. */
  english: string | null;
  /** For Russian and Ukrainian articles. */
  russian: string | null;
}

/**
 * tsquery texts, words joined by OR. In the russian query a Cyrillic word is
 * a prefix: the shorter of its Russian (Snowball) and Ukrainian stems, as the
 * message search does, so "замовленням" finds an article about "замовлення".
 */
export function articleTsQueries(words: readonly ArticleWord[]): ArticleQueries {
  const english = new Set<string>();
  const russian = new Set<string>();
  for (const w of words) {
    for (const l of w.english) english.add(quoteLexeme(l));
    if (CYRILLIC.test(w.word) && w.russian.length === 1) {
      const ru = w.russian[0]!;
      const uk = stemUkrainian(w.word);
      const stem = uk.length < ru.length ? uk : ru;
      russian.add(stem.length >= MIN_PREFIX_LENGTH ? `${quoteLexeme(stem)}:*` : quoteLexeme(ru));
    } else {
      for (const l of w.russian) russian.add(quoteLexeme(l));
    }
  }
  const join = (s: Set<string>) => (s.size > 0 ? [...s].join(' | ') : null);
  return { english: join(english), russian: join(russian) };
}
