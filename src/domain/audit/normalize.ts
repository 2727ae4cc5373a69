// Text → sentences → tokens, the same way for messages and for lexicon phrases,
// so that a phrase and a message only have to agree on stems.

export interface Token {
  /** Lower-cased, ё→е, ґ→г, apostrophes dropped, Latin look-alikes folded in Cyrillic words. */
  word: string;
  /** As written, for the capitalisation test on names. */
  original: string;
  /** Punctuation (not only spaces) separates this token from the next, or the sentence ends. */
  breakAfter: boolean;
}

export interface Sentence {
  tokens: Token[];
  /** The sentence ends with (or contains, as terminator) a question mark. */
  question: boolean;
  /** The sentence ends with . ! ? or … rather than just running out (chat users drop them). */
  terminated: boolean;
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

/** Apostrophes inside words vary (ім'я, ім’я, імʼя, "im" for I'm); dropping them makes all agree. */
function dropInnerApostrophes(text: string): string {
  return text.replace(/(\p{L})['’ʼ`´](?=\p{L})/gu, '$1');
}

export function tokenize(fragment: string): Token[] {
  const text = dropInnerApostrophes(fragment);
  const matches = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  return matches.map((m, i) => {
    const end = (m.index ?? 0) + m[0].length;
    const next = matches[i + 1];
    const between = text.slice(end, next ? next.index : text.length);
    return {
      word: normalizeWord(m[0]),
      original: m[0],
      breakAfter: next === undefined || /\S/.test(between),
    };
  });
}

/** «Забули пароль?» is a button label, not a question; quoted punctuation must not split. */
function neutralizeQuotes(text: string): string {
  return text.replace(/«[^»]*»|"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]/g, (q) =>
    q.replace(/[.!?…]/g, ' '),
  );
}

// Sentence ends: ! ? … and newlines always; a dot only when it is not inside a
// number ("49.99", "17.2").
const TERMINATOR = /((?:[!?…\n]|(?<!\d)\.(?!\d))+)/;

export function splitSentences(text: string): Sentence[] {
  const parts = neutralizeQuotes(text).split(TERMINATOR);
  const sentences: Sentence[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const tokens = tokenize(parts[i] ?? '');
    if (tokens.length === 0) continue;
    const end = parts[i + 1] ?? '';
    sentences.push({ tokens, question: end.includes('?'), terminated: /[.!?…]/.test(end) });
  }
  return sentences;
}
