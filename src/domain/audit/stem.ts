// Stems per language. A message word is stemmed in every language its script
// allows (Cyrillic → Russian and Ukrainian, Latin → English), so one dialog can
// switch languages mid-sentence and still match every lexicon.
import { newStemmer } from 'snowball-stemmers';
import type { AuditLanguage } from './types.js';
import { stemUkrainian } from './ukrainian-stemmer.js';

const russian = newStemmer('russian');
const english = newStemmer('english');

const STEMMERS: Readonly<Record<AuditLanguage, (word: string) => string>> = {
  ru: (w) => russian.stem(w),
  uk: stemUkrainian,
  en: (w) => english.stem(w),
};

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

export function stemIn(language: AuditLanguage, word: string): string {
  return STEMMERS[language](word);
}

// Bounded so a long-running server auditing many dialogs does not grow without limit.
const cache = new Map<string, readonly string[]>();
const CACHE_LIMIT = 50_000;

/** Distinct stems of a normalised word in every language its script could belong to. */
export function stemsOf(word: string): readonly string[] {
  const hit = cache.get(word);
  if (hit) return hit;
  const stems = new Set<string>([word]);
  if (CYRILLIC.test(word)) {
    stems.add(stemIn('ru', word));
    stems.add(stemIn('uk', word));
  } else if (LATIN.test(word)) {
    stems.add(stemIn('en', word));
  }
  const result = [...stems];
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}
