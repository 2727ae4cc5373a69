// Compiles the per-language lexicons once and finds their phrases in a
// sentence. Every phrase is checked against every message whatever its
// language, which is what makes mixed-language dialogs work.
import { typoEqual } from './fuzzy.js';
import { EN } from './lexicon-en.js';
import { RU } from './lexicon-ru.js';
import type { Concept, LanguageLexicon } from './lexicon-types.js';
import { UK } from './lexicon-uk.js';
import { type Token, tokenize } from './normalize.js';
import { stemIn, stemsOf } from './stem.js';
import type { AuditLanguage } from './types.js';

interface WordPattern {
  /** Dense id, for the per-word match cache. */
  id: number;
  surface: string;
  stem: string;
  /** `=word`: compare the surface form only. */
  exact: boolean;
}

interface Phrase {
  words: WordPattern[];
  unordered: boolean;
}

/** Words allowed between two consecutive phrase words ("чем ещё я могу вам помочь"). */
const MAX_GAP = 2;

export const LEXICONS: readonly LanguageLexicon[] = [RU, UK, EN];

// Every distinct pattern word once, grouped by first letter: a stem match, a
// surface match and a forgiven typo all keep the first letter, so a message
// word only ever needs comparing with patterns sharing it.
const patternRegistry = new Map<string, WordPattern>();
const patternsByFirstLetter = new Map<string, WordPattern[]>();

function registerPattern(surface: string, stem: string, exact: boolean): WordPattern {
  const key = `${exact ? '=' : ''}${surface}|${stem}`;
  const known = patternRegistry.get(key);
  if (known) return known;
  const pattern = { id: patternRegistry.size, surface, stem, exact };
  patternRegistry.set(key, pattern);
  const first = surface[0] ?? '';
  patternsByFirstLetter.set(first, [...(patternsByFirstLetter.get(first) ?? []), pattern]);
  return pattern;
}

function compilePhrase(lexicon: LanguageLexicon, text: string): Phrase | null {
  const unordered = text.startsWith('&');
  const words = text
    .replace(/^&/, '')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .flatMap((w): WordPattern[] => {
      const exact = w.startsWith('=');
      return tokenize(w.replace(/^=/, '')).map((t) =>
        registerPattern(t.word, stemIn(lexicon.language, t.word), exact),
      );
    });
  return words.length > 0 ? { words, unordered } : null;
}

function compileAll(): ReadonlyMap<Concept, readonly Phrase[]> {
  const byConcept = new Map<Concept, Phrase[]>();
  for (const lexicon of LEXICONS) {
    for (const [concept, texts] of Object.entries(lexicon.phrases) as [
      Concept,
      readonly string[],
    ][]) {
      const list = byConcept.get(concept) ?? [];
      for (const text of texts) {
        const phrase = compilePhrase(lexicon, text);
        if (phrase) list.push(phrase);
      }
      byConcept.set(concept, list);
    }
  }
  return byConcept;
}

const PHRASES = compileAll();

/** Per concept, phrases by the id of their first word — the lookup a sentence starts from. */
const PHRASES_BY_FIRST_WORD: ReadonlyMap<Concept, ReadonlyMap<number, readonly Phrase[]>> = new Map(
  [...PHRASES].map(([concept, phrases]) => {
    const index = new Map<number, Phrase[]>();
    for (const phrase of phrases) {
      const first = phrase.words[0]!.id;
      index.set(first, [...(index.get(first) ?? []), phrase]);
    }
    return [concept, index];
  }),
);

const VOWELS = new Set([...'аеиіїоуыэюяєaeiouy']);

/**
 * Same length, one slip: two neighbours swapped ("спаисбо"), or one vowel for
 * another, the usual misspelling ("провирю") — never another consonant.
 */
function isSwap(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i === a.length) return true;
  if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return true;
  return VOWELS.has(a[i]!) && VOWELS.has(b[i]!) && a.slice(i + 1) === b.slice(i + 1);
}

function accepts(word: string, pattern: WordPattern): boolean {
  // Short words ("да", "hi", "я") must be typed exactly: their stems collide too easily.
  if (pattern.surface.length <= 3) return word === pattern.surface;
  // An exact form exists to tell inflections apart (будут/будет, позвоните/позвонит),
  // so a slip is only forgiven from six letters and never in the ending.
  // A slip there is a missing, doubled or swapped letter or a vowel for a vowel,
  // never another consonant: "подойдите" is not a typo of "подождите".
  if (pattern.exact) {
    return (
      word.at(-1) === pattern.surface.at(-1) &&
      typoEqual(word, pattern.surface, 6) &&
      (word.length !== pattern.surface.length || isSwap(word, pattern.surface))
    );
  }
  if (typoEqual(word, pattern.surface)) return true;
  const stems = stemsOf(word);
  if (stems.includes(pattern.stem)) return true;
  return pattern.stem.length >= 5 && stems.some((s) => typoEqual(s, pattern.stem));
}

// Chat vocabulary repeats, so each message word is compared with the lexicons
// once; bounded so a long-running server does not grow without limit.
const matchCache = new Map<string, ReadonlySet<number>>();
const MATCH_CACHE_LIMIT = 50_000;

function patternsMatching(word: string): ReadonlySet<number> {
  const hit = matchCache.get(word);
  if (hit) return hit;
  const ids = new Set<number>();
  for (const pattern of patternsByFirstLetter.get(word[0] ?? '') ?? []) {
    if (accepts(word, pattern)) ids.add(pattern.id);
  }
  if (matchCache.size >= MATCH_CACHE_LIMIT) matchCache.clear();
  matchCache.set(word, ids);
  return ids;
}

export function wordMatches(token: Token, pattern: WordPattern): boolean {
  return patternsMatching(token.word).has(pattern.id);
}

/** Token indices of one ordered occurrence starting at `start`, or null. */
function matchFrom(
  tokens: readonly Token[],
  words: readonly WordPattern[],
  start: number,
): number[] | null {
  const first = words[0];
  const head = tokens[start];
  if (!first || !head || !wordMatches(head, first)) return null;
  if (words.length === 1) return [start];
  for (let next = start + 1; next <= start + 1 + MAX_GAP && next < tokens.length; next++) {
    const rest = matchFrom(tokens, words.slice(1), next);
    if (rest) return [start, ...rest];
  }
  return null;
}

function matchPhrase(tokens: readonly Token[], phrase: Phrase): number[][] {
  if (phrase.unordered) {
    const indices: number[] = [];
    for (const word of phrase.words) {
      const i = tokens.findIndex((t) => wordMatches(t, word));
      if (i < 0) return [];
      indices.push(i);
    }
    return [indices];
  }
  const found: number[][] = [];
  for (let start = 0; start < tokens.length; start++) {
    const hit = matchFrom(tokens, phrase.words, start);
    if (hit) found.push(hit);
  }
  return found;
}

const presentMemo = new WeakMap<readonly Token[], ReadonlySet<number>>();

/** Pattern ids matched by any token: a phrase needs all of its words among them. */
function presentPatterns(tokens: readonly Token[]): ReadonlySet<number> {
  let present = presentMemo.get(tokens);
  if (!present) {
    present = new Set(tokens.flatMap((t) => [...patternsMatching(t.word)]));
    presentMemo.set(tokens, present);
  }
  return present;
}

/** Every occurrence of a concept's phrases, as lists of token indices. */
export function findConcept(tokens: readonly Token[], concept: Concept): number[][] {
  const present = presentPatterns(tokens);
  const index = PHRASES_BY_FIRST_WORD.get(concept);
  const found: number[][] = [];
  if (!index) return found;
  for (const id of present) {
    for (const phrase of index.get(id) ?? []) {
      if (phrase.words.every((w) => present.has(w.id))) found.push(...matchPhrase(tokens, phrase));
    }
  }
  return found;
}

function wordSet(pick: (lexicon: LanguageLexicon) => readonly string[]): ReadonlySet<string> {
  return new Set(LEXICONS.flatMap((l) => pick(l).flatMap((w) => tokenize(w).map((t) => t.word))));
}

export const STOPWORDS = wordSet((l) => l.stopwords);
export const INTERROGATIVES = wordSet((l) => l.interrogatives);
export const NAME_FILLERS = wordSet((l) => l.nameFillers);

/**
 * An account's own phrases (audit settings): compiled with the stemmer of the
 * language they were entered for, and matched like lexicon phrases, though
 * without the shared per-word cache, since they differ per account.
 */
export interface CustomPhrase {
  text: string;
  words: readonly WordPattern[];
}

export function compileCustomPhrase(language: AuditLanguage, text: string): CustomPhrase | null {
  const words = text
    .split(/\s+/)
    .flatMap((w) => tokenize(w))
    .map(
      (t): WordPattern => ({
        id: -1,
        surface: t.word,
        stem: stemIn(language, t.word),
        exact: false,
      }),
    );
  return words.length > 0 ? { text, words } : null;
}

function customFrom(
  tokens: readonly Token[],
  words: readonly WordPattern[],
  start: number,
): number[] | null {
  const first = words[0];
  const head = tokens[start];
  if (!first || !head || !accepts(head.word, first)) return null;
  if (words.length === 1) return [start];
  for (let next = start + 1; next <= start + 1 + MAX_GAP && next < tokens.length; next++) {
    const rest = customFrom(tokens, words.slice(1), next);
    if (rest) return [start, ...rest];
  }
  return null;
}

/** Occurrences of any of the phrases, as token-index lists (same rules as lexicon phrases). */
export function findCustom(tokens: readonly Token[], phrases: readonly CustomPhrase[]): number[][] {
  const found: number[][] = [];
  for (const phrase of phrases) {
    for (let start = 0; start < tokens.length; start++) {
      const hit = customFrom(tokens, phrase.words, start);
      if (hit) found.push(hit);
    }
  }
  return found;
}
