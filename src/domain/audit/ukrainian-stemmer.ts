// snowball-stemmers has no Ukrainian algorithm, so this is a light suffix
// stripper in the spirit of Snowball's Russian one: drop a reflexive ending
// (-ся/-сь), then the longest inflectional ending, then a final soft sign —
// each only inside RV (the part after the first vowel) and never leaving fewer
// than two letters. It conflates case/number/tense forms well enough for
// matching phrases; it does not attempt derivational morphology. Lexicon
// phrases go through the same function, so consistency matters more than
// linguistic exactness.

const VOWELS = /[аеєиіїоуюя]/;

const REFLEXIVE = ['ся', 'сь'];

// Inflectional endings of adjectives/participles, verbs and nouns.
// biome-ignore format: word lists read and extend better packed than one word per line
const ENDINGS = [
  // adjectives and participles
  'ього', 'ьому', 'ими', 'іми', 'ого', 'ому', 'их', 'іх', 'ий', 'ій', 'ім', 'им', 'ої', 'ою', 'ею',
  'єю', 'ая', 'яя', 'еє', 'єє',
  // verbs: infinitive, present, past, gerund
  'ючи', 'учи', 'ачи', 'ячи', 'ати', 'яти', 'ити', 'іти', 'ути', 'ємо', 'емо', 'имо', 'імо', 'єте',
  'ете', 'ите', 'іте', 'уть', 'ють', 'ать', 'ять', 'ить', 'іть', 'ти', 'ть', 'ла', 'ло', 'ли',
  'ав', 'яв', 'ив', 'ів', 'їв', 'еш', 'єш', 'иш', 'іш',
  // nouns
  'ами', 'ями', 'ові', 'еві', 'єві', 'ах', 'ях', 'ам', 'ям', 'ом', 'ем', 'єм', 'ей', 'а', 'я', 'о',
  'е', 'є', 'і', 'ї', 'и', 'у', 'ю', 'й',
].sort((a, b) => b.length - a.length);

export function stemUkrainian(word: string): string {
  const firstVowel = word.search(VOWELS);
  if (firstVowel < 0) return word;
  const rv = Math.max(firstVowel + 1, 2);
  let w = word;
  const strip = (suffixes: readonly string[]): boolean => {
    const s = suffixes.find((x) => w.endsWith(x) && w.length - x.length >= rv);
    if (s === undefined) return false;
    w = w.slice(0, -s.length);
    return true;
  };
  strip(REFLEXIVE);
  strip(ENDINGS);
  strip(['ь']);
  return w;
}
