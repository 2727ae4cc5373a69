// Client names: where they come from (form, "меня зовут Ольга", a reply to
// "как к вам обращаться?") and whether an operator word addresses them.
// Names are compared through a spelling-neutral key — transliterated to Latin,
// case endings stripped — so "Ольга", "Ольге", "Ольго", "Olga" all agree.
import { type AnalyzedMessage, coveredBy, hits, isStopword } from './analyze.js';
import { withinOneEdit } from './fuzzy.js';
import { NAME_VARIANT_GROUPS } from './name-variants.js';
import { normalizeWord, type Sentence, type Token } from './normalize.js';
import { NAME_FILLERS } from './phrase-matcher.js';

// biome-ignore format: word lists read and extend better packed than one word per line
const CYR_TO_LAT: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', є: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i',
  й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

const keyMemo = new Map<string, string>();

export function nameKey(word: string): string {
  const known = keyMemo.get(word);
  if (known !== undefined) return known;
  const key = computeNameKey(word);
  // Bounded like the other per-word caches.
  if (keyMemo.size >= 50_000) keyMemo.clear();
  keyMemo.set(word, key);
  return key;
}

function computeNameKey(word: string): string {
  let w = [...normalizeWord(word)].map((ch) => CYR_TO_LAT[ch] ?? ch).join('');
  w = w
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ts/g, 'c')
    .replace(/ck/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/[yj]/g, 'i')
    .replace(/w/g, 'v')
    .replace(/[^a-z]/g, '')
    .replace(/(.)\1+/g, '$1');
  // Case endings are vowels (Ольга/Ольге/Ольгу/Ольго, Андрій/Андрію); keep at least two letters.
  while (w.length > 2 && /[aeiou]$/.test(w)) w = w.slice(0, -1);
  // Ukrainian vocative softens the last consonant: Олег → Олеже.
  return w.replace(/zh$/, 'g').replace(/ch$/, 'k');
}

const VARIANTS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const group of NAME_VARIANT_GROUPS) {
    const keys = group.map(nameKey);
    for (const k of keys) {
      const set = map.get(k) ?? new Set<string>();
      for (const other of keys) set.add(other);
      map.set(k, set);
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v]]));
})();

/** The keys a name can be addressed by: its own and its diminutives'. */
export function nameKeys(words: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const w of words) {
    const k = nameKey(w);
    if (k.length < 2) continue;
    keys.add(k);
    for (const v of VARIANTS.get(k) ?? []) keys.add(v);
  }
  return [...keys];
}

export function tokenIsName(token: Token, keys: readonly string[]): boolean {
  if (keys.length === 0 || !/^\p{L}+$/u.test(token.word)) return false;
  const k = nameKey(token.word);
  // A name that is also a common word ("Will", "May") counts only capitalised and exact.
  if (isStopword(token)) return isCapitalised(token) && keys.includes(k);
  return keys.some(
    (n) =>
      n === k ||
      (Math.min(n.length, k.length) >= 4 &&
        Math.max(n.length, k.length) >= 5 &&
        withinOneEdit(n, k)),
  );
}

export function addressesName(message: AnalyzedMessage, keys: readonly string[]): boolean {
  return message.words.some((t) => tokenIsName(t, keys));
}

// What chat widgets put in the name field when the visitor typed nothing.
// biome-ignore format: word lists read and extend better packed than one word per line
const PLACEHOLDERS = new Set([
  'guest', 'visitor', 'client', 'customer', 'user', 'anonymous', 'unknown', 'noname', 'test',
  'гость', 'посетитель', 'клиент', 'пользователь', 'аноним', 'гість', 'відвідувач', 'клієнт',
  'користувач', 'анонім', 'без', 'имени', 'імені',
]);

/** Name words from the form, or [] when the form holds a placeholder, an e-mail or a number. */
export function formNameWords(contactName: string | null): string[] {
  if (!contactName || contactName.includes('@')) return [];
  const words = contactName
    .split(/[\s,._-]+/)
    .map(normalizeWord)
    .filter((w) => /^\p{L}{2,}$/u.test(w));
  if (words.length === 0 || words.some((w) => PLACEHOLDERS.has(w))) return [];
  return words;
}

// Words that may follow a name in "I'm Priya and…", "Это Ольга из…".
const CONNECTIVES = new Set('и і й а та and from из с з із зі here'.split(' '));

function isNameWord(token: Token | undefined): token is Token {
  return (
    token !== undefined &&
    /^\p{L}{2,}$/u.test(token.word) &&
    !NAME_FILLERS.has(token.word) &&
    !isStopword(token)
  );
}

function isCapitalised(token: Token): boolean {
  const first = token.original[0] ?? '';
  return first !== first.toLowerCase();
}

/** Names after "меня зовут", also with the name inside it ("меня Ольга зовут"). */
function strongIntroNames(tokens: readonly Token[], hit: readonly number[]): string[] {
  const inside = tokens
    .slice(Math.min(...hit), Math.max(...hit))
    .filter((t, i) => !hit.includes(i + Math.min(...hit)) && isNameWord(t));
  if (inside.length > 0) return inside.map((t) => t.word);
  let i = Math.max(...hit) + 1;
  while (tokens[i] && NAME_FILLERS.has(tokens[i]!.word)) i++;
  const name = tokens[i];
  if (!isNameWord(name)) return [];
  const second = tokens[i + 1];
  // A capitalised second word is a patronymic or surname: "Екатерина Сергеевна".
  return !name.breakAfter && isNameWord(second) && isCapitalised(second)
    ? [name.word, second.word]
    : [name.word];
}

// A patronymic after the name ("Вера Николаевна", "Тарас Іванович") belongs to it.
const PATRONYMIC = /(овна|евна|ична|инична|івна|ївна|ович|евич|йович|ьович|ич)$/;
// Words a name may be followed by in "я саша кстати", "ya Vova".
const AFTER_NAME = new Set(['кстати', 'btw', 'тут', 'here']);

/** Words of the diminutive list: known to be names even when typed in lower case. */
const KNOWN_NAMES: ReadonlySet<string> = new Set(NAME_VARIANT_GROUPS.flat().map(nameKey));

/**
 * "Я Андрей." / "I'm Priya, …" / "Это Вера Николаевна, …": a capitalised word
 * (or a known name in any case: "я саша кстати") standing alone after the opener.
 */
function weakIntroName(sentence: Sentence, hit: readonly number[]): string | null {
  const at = Math.max(...hit) + 1;
  const name = sentence.tokens[at];
  const formulas = coveredBy(sentence, ['greeting', 'thanks', 'apology', 'ack']);
  if (!isNameWord(name) || formulas.has(at)) return null;
  const known = KNOWN_NAMES.has(nameKey(name.word));
  if (!isCapitalised(name) && !known) return null;
  const next = sentence.tokens[at + 1];
  if (name.breakAfter || !next) return name.word;
  if (CONNECTIVES.has(next.word) || AFTER_NAME.has(next.word)) return name.word;
  if (isCapitalised(next) && PATRONYMIC.test(next.word)) return name.word;
  return null;
}

/**
 * A bare reply to the name question: "Марк", "Нина Петровна", "просто Оля".
 * Every word of the first clause must be a filler or a name-like word, at most
 * two of them, capitalised unless the reply is a single word — "Хочу вернуть"
 * ignores the question rather than answering it.
 */
function replyNames(message: AnalyzedMessage): string[] {
  const sentence = message.sentences[0];
  if (!sentence || message.words.length > 4) return [];
  const clause = sentence.tokens.slice(0, sentence.tokens.findIndex((t) => t.breakAfter) + 1);
  const formulas = coveredBy(sentence, [
    'bare_reply',
    'ack',
    'thanks',
    'greeting',
    'welcome',
    'apology',
  ]);
  const names = clause.filter((t, i) => isNameWord(t) && !formulas.has(i));
  const rest = clause.filter((t) => !names.includes(t));
  const plausible =
    names.length > 0 &&
    names.length <= 2 &&
    rest.every((t) => NAME_FILLERS.has(t.word)) &&
    (message.words.length === 1 || names.every(isCapitalised));
  return plausible ? names.map((t) => t.word) : [];
}

/** Name words a client message introduces; `afterNameAsk` when it answers "how may I address you?". */
export function introducedNameWords(message: AnalyzedMessage, afterNameAsk: boolean): string[] {
  const found = new Set<string>();
  for (const sentence of message.sentences) {
    for (const hit of hits(sentence, 'name_intro')) {
      for (const w of strongIntroNames(sentence.tokens, hit)) found.add(w);
    }
    for (const hit of hits(sentence, 'name_intro_weak')) {
      const w = weakIntroName(sentence, hit);
      if (w) found.add(w);
    }
  }
  if (found.size === 0 && afterNameAsk) return replyNames(message);
  return [...found];
}
