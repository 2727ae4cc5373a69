// Text → sentences → tokens, the same way for messages and for lexicon phrases,
// so that a phrase and a message only have to agree on stems.

export interface Token {
  /** Lower-cased, ё→е, ґ→г, apostrophes dropped, Latin look-alikes folded in Cyrillic words. */
  word: string;
  /** As written, for the capitalisation test on names. */
  original: string;
  /** Punctuation (not only spaces) separates this token from the next, or the sentence ends. */
  breakAfter: boolean;
  /** UTF-16 offsets of the word in the text it was read from (for highlighting). */
  start: number;
  end: number;
}

export interface Sentence {
  tokens: Token[];
  /** The sentence ends with (or contains, as terminator) a question mark. */
  question: boolean;
  /** The sentence ends with . ! ? or … rather than just running out (chat users drop them). */
  terminated: boolean;
  /** UTF-16 offsets of the sentence (without its terminator) in the message text. */
  start: number;
  end: number;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
// Keys typed on the wrong layout: "пpивет" with a Latin p reads the same to a human.
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  h: 'н',
  b: 'в',
  i: 'і',
};

export function normalizeWord(raw: string): string {
  let w = raw.toLowerCase().replace(/ё/g, 'е').replace(/ґ/g, 'г');
  if (CYRILLIC.test(w) && LATIN.test(w)) {
    w = [...w].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
  }
  return w;
}

const APOSTROPHE = /['’ʼ`´]/g;

/**
 * Words: letters and digits, with an apostrophe inside a word kept in the
 * match (ім'я, ім’я, імʼя, "im" for I'm all agree once it is dropped) so the
 * offsets still point into the text as written.
 */
const WORD = /[\p{L}\p{N}]+(?:['’ʼ`´][\p{L}\p{N}]+)*/gu;

export function tokenize(fragment: string, offset = 0): Token[] {
  const matches = [...fragment.matchAll(WORD)];
  return matches.map((m, i) => {
    const begin = m.index ?? 0;
    const end = begin + m[0].length;
    const next = matches[i + 1];
    const between = fragment.slice(end, next ? next.index : fragment.length);
    const bare = m[0].replace(APOSTROPHE, '');
    return {
      word: normalizeWord(bare),
      original: bare,
      breakAfter: next === undefined || /\S/.test(between),
      start: offset + begin,
      end: offset + end,
    };
  });
}

// Links and e-mail addresses are one thing each: their dots and question marks end nothing.
const LINK =
  /\b(?:https?:\/\/|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+\/\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;

export function containsLink(text: string): boolean {
  return new RegExp(LINK.source, 'iu').test(text);
}

/** «Забули пароль?» is a button label, not a question; quoted punctuation must not split. Nor do links. */
function neutralizeQuotes(text: string): string {
  return text
    .replace(LINK, (link) => {
      // A dot right after the link ends the sentence; the link's own dots do not.
      const tail = /[.!?…]+$/.exec(link)?.[0] ?? '';
      return link.slice(0, link.length - tail.length).replace(/[.!?…]/g, ' ') + tail;
    })
    .replace(/«[^»]*»|"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]/g, (q) => q.replace(/[.!?…]/g, ' '));
}

// Sentence ends: ! ? … and newlines always; a dot unless it sits between two
// digits ("49.99", "17.2" — but "$18.40. Could you" ends after the 40).
const TERMINATOR = /((?:[!?…\n]|\.(?!\d)|(?<!\d)\.)+)/;

export function splitSentences(text: string): Sentence[] {
  const parts = neutralizeQuotes(text).split(TERMINATOR);
  const sentences: Sentence[] = [];
  let offset = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i] ?? '';
    const end = parts[i + 1] ?? '';
    const tokens = tokenize(part, offset);
    offset += part.length + end.length;
    const first = tokens[0];
    const last = tokens.at(-1);
    if (!first || !last) continue;
    sentences.push({
      tokens,
      question: end.includes('?'),
      terminated: /[.!?…]/.test(end),
      start: first.start,
      end: last.end,
    });
  }
  return sentences;
}
