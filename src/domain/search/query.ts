// Turning what an operator types into a PostgreSQL tsquery (docs/search.md).
// Pure: the words' lexemes come from the database (its `russian` text search
// configuration, the one the index was built with), the Ukrainian stems from
// the audit's stemmer, since PostgreSQL ships no Ukrainian configuration.
import { stemUkrainian } from '../audit/ukrainian-stemmer.js';

export const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 100;
/** A stem shorter than this as a prefix would match half the dictionary. */
const MIN_PREFIX_LENGTH = 3;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Folds what the index folds (ё → е) and lower-cases. */
export function foldText(text: string): string {
  return text.replace(/ё/g, 'е').replace(/Ё/g, 'Е').toLowerCase();
}

/**
 * The query's words: split on white space, punctuation trimmed from the ends
 * (so "заказ," and "(order)" count), at most MAX_QUERY_WORDS, duplicates once.
 */
export function queryWords(q: string): string[] {
  const words = foldText(q)
    .split(/\s+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}+]+|[^\p{L}\p{N}]+$/gu, '').slice(0, MAX_WORD_LENGTH))
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** A lexeme quoted for tsquery text: 'it''s' (the cast parses quotes, backslashes escape). */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export interface AnalysedWord {
  word: string;
  /** The word's lexemes in the `russian` configuration; none for a stop word ("и", "the"). */
  lexemes: string[];
}

/**
 * One tsquery for all words (AND). A Cyrillic word matches every lexeme that
 * starts with its shorter stem, Russian (Snowball) or Ukrainian: both only cut
 * endings, so the shorter one is a prefix of the other, and the index holds
 * Russian stems — "замовлення" (uk stem замовленн, ru stem замовлен) finds
 * "замовленням"; "рахунків" (uk рахунк) finds "рахунку". Other words match
 * their lexemes exactly ("orders" → order). Null when only stop words remain.
 */
export function messageTsQuery(words: readonly AnalysedWord[]): string | null {
  const parts: string[] = [];
  for (const { word, lexemes } of words) {
    if (lexemes.length === 0) continue;
    if (CYRILLIC.test(word) && lexemes.length === 1) {
      const russian = lexemes[0]!;
      const ukrainian = stemUkrainian(word);
      const stem = ukrainian.length < russian.length ? ukrainian : russian;
      parts.push(
        stem.length >= MIN_PREFIX_LENGTH ? `${quoteLexeme(stem)}:*` : quoteLexeme(russian),
      );
    } else {
      parts.push(lexemes.map(quoteLexeme).join(' & '));
    }
  }
  return parts.length > 0 ? parts.map((p) => `(${p})`).join(' & ') : null;
}

/**
 * The contacts' query: every word a prefix of a word of the name, of the
 * e-mail or of the phone's digits ("+7 (999) 123" → 7999123).
 */
export function contactTsQuery(q: string, words: readonly string[]): string | null {
  const digits = q.replace(/\D/g, '');
  if (/^[\d\s()+.-]+$/u.test(q.trim()) && digits.length >= 3) return `${quoteLexeme(digits)}:*`;
  const parts = words
    .map((w) => (/^[\d\s()+.-]+$/u.test(w) ? w.replace(/\D/g, '') : w))
    .filter((w) => w.length > 0)
    .map((w) => `${quoteLexeme(w)}:*`);
  return parts.length > 0 ? parts.join(' & ') : null;
}

/** Markers ts_headline puts around a match: private-use characters, removed from the text first. */
export const HIT_START = '\uE000';
export const HIT_END = '\uE001';
/**
 * ts_headline's parser reads markup as tags and leaves it out; so <, > and &
 * go in as these stand-ins. The headline is made of the folded text (see
 * src/store/search-sql.ts) with every match marked (HighlightAll), and the
 * original characters are put back one for one (restoreHeadline).
 */
export const MARKUP_STAND_INS = ['\uE002', '\uE003', '\uE004'] as const;
export const MARKUP = ['<', '>', '&'] as const;
const DROPPED = /[\uE000-\uE004]/g;

/** The message text as the headline saw it, before folding: markers and stand-ins removed. */
export function headlineInput(text: string): string {
  return text.replace(DROPPED, '');
}

export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * The whole message as plain-text pieces, matches marked, from the headline
 * of its folded text. No HTML ever: clients put each piece in a text node (or
 * <mark>), so a message with markup shows it as text.
 */
export function restoreHeadline(headline: string, text: string): Segment[] {
  const original = headlineInput(text);
  const segments: Segment[] = [];
  let i = 0;
  let current = '';
  let hit = false;
  const flush = () => {
    if (current.length > 0) segments.push({ text: current, hit });
    current = '';
  };
  for (const ch of headline) {
    if (ch === HIT_START || ch === HIT_END) {
      flush();
      hit = ch === HIT_START;
      continue;
    }
    // One character of the folded text stands for one of the original (translate maps 1:1).
    const original_ = original.codePointAt(i);
    if (original_ === undefined) break;
    const o = String.fromCodePoint(original_);
    current += o;
    i += o.length;
  }
  flush();
  // The headline should cover the whole text; if it did not, show the text unmarked.
  if (i !== original.length) return [{ text: original, hit: false }];
  return segments;
}

/**
 * The part of a long message around its first match: `before` characters
 * ahead of it, up to `total` in all; "…" where text was cut.
 */
export function excerpt(segments: readonly Segment[], total = 240, before = 60): Segment[] {
  const length = segments.reduce((n, s) => n + s.text.length, 0);
  if (length <= total) return [...segments];
  let offset = 0;
  let firstHit = 0;
  for (const s of segments) {
    if (s.hit) {
      firstHit = offset;
      break;
    }
    offset += s.text.length;
  }
  const from = Math.max(0, Math.min(firstHit - before, length - total));
  const to = from + total;
  const out: Segment[] = [];
  let pos = 0;
  for (const s of segments) {
    const start = Math.max(from, pos);
    const end = Math.min(to, pos + s.text.length);
    if (end > start) out.push({ text: s.text.slice(start - pos, end - pos), hit: s.hit });
    pos += s.text.length;
  }
  if (from > 0) out.unshift({ text: '…', hit: false });
  if (to < length) out.push({ text: '…', hit: false });
  return out;
}
