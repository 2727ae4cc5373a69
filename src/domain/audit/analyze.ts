// A message split into sentences, with lexicon concepts looked up on demand
// and remembered, so each check can ask plain questions ("does this sentence
// greet?") without re-running the matcher.
import type { Concept } from './lexicon-types.js';
import { type Sentence, splitSentences, type Token } from './normalize.js';
import { findConcept, INTERROGATIVES, STOPWORDS } from './phrase-matcher.js';
import type { AuditAuthor, AuditMessage } from './types.js';

export interface AnalyzedMessage {
  seq: number;
  author: AuditAuthor;
  at: number;
  text: string;
  /** Position in the seq-ordered dialog. */
  index: number;
  sentences: readonly Sentence[];
  /** All word tokens of the message, in order. */
  words: readonly Token[];
}

export function analyzeMessages(messages: readonly AuditMessage[]): AnalyzedMessage[] {
  return [...messages]
    .sort((a, b) => a.seq - b.seq)
    .map((m, index) => {
      const sentences = splitSentences(m.text);
      return {
        seq: m.seq,
        author: m.author,
        at: m.at,
        text: m.text,
        index,
        sentences,
        words: sentences.flatMap((s) => s.tokens),
      };
    });
}

const memo = new WeakMap<Sentence, Map<Concept, number[][]>>();

/** Occurrences of a concept in a sentence, as token-index lists. */
export function hits(sentence: Sentence, concept: Concept): readonly number[][] {
  let byConcept = memo.get(sentence);
  if (!byConcept) {
    byConcept = new Map();
    memo.set(sentence, byConcept);
  }
  let found = byConcept.get(concept);
  if (!found) {
    found = findConcept(sentence.tokens, concept);
    byConcept.set(concept, found);
  }
  return found;
}

export function has(sentence: Sentence, concept: Concept): boolean {
  return hits(sentence, concept).length > 0;
}

export function messageHas(message: AnalyzedMessage, concept: Concept): boolean {
  return message.sentences.some((s) => has(s, concept));
}

/** Token indices covered by any of the concepts. */
export function coveredBy(sentence: Sentence, concepts: readonly Concept[]): Set<number> {
  const covered = new Set<number>();
  for (const concept of concepts) {
    for (const hit of hits(sentence, concept)) for (const i of hit) covered.add(i);
  }
  return covered;
}

export function isStopword(token: Token): boolean {
  return STOPWORDS.has(token.word);
}

// English questions open with an auxiliary before the subject ("Did that help.",
// "Is it working now") — the form decides, with or without a question mark.
const AUXILIARIES = new Set(
  'do does did is are was were can could would will have has should shall may'.split(' '),
);
const SUBJECTS = new Set(
  'you it that this everything anything the there we i your all things'.split(' '),
);
// A statement turned into a question by a tag after a comma: "…, right", "…, да", "…, так".
const TAGS = new Set(['right', 'correct', 'да', 'так', 'верно', 'правильно', 'вірно', 'ok', 'ок']);

// Interrogatives that also open a subordinate clause ("Хорошо, что вы написали")
// only count at the very start; these others also after a vocative ("Марина, какой…").
const CLAUSE_INTERROGATIVES = new Set(
  'какой какая какое какие каким какую какого сколько почему зачем який яка яке які яким яку якого скільки чому навіщо which why'.split(
    ' ',
  ),
);

/** The sentence opens with an interrogative, or one opens a clause after a comma ("Марина, какой…"). */
function opensWithInterrogative(sentence: Sentence): boolean {
  const tokens = sentence.tokens;
  if (INTERROGATIVES.has(tokens[0]?.word ?? '')) return true;
  return tokens.some(
    (t, i) => i > 0 && i <= 2 && CLAUSE_INTERROGATIVES.has(t.word) && tokens[i - 1]!.breakAfter,
  );
}

/**
 * A question by form or by phrase: a question mark; Ukrainian "чи" opening the
 * sentence or a clause; Russian "ли" after the first word; an English
 * auxiliary before its subject; a tag question ("…, right"); an interrogative
 * opening an unterminated sentence or clause; or a request to tell something
 * ("уточните номер заказа").
 */
export function isQuestionLike(sentence: Sentence): boolean {
  if (sentence.question) return true;
  const tokens = sentence.tokens;
  const first = tokens[0]?.word ?? '';
  if (tokens.some((t, i) => t.word === 'чи' && (i === 0 || tokens[i - 1]!.breakAfter))) return true;
  if (tokens.some((t, i) => i > 0 && t.word === 'ли')) return true;
  if (AUXILIARIES.has(first) && SUBJECTS.has(tokens[1]?.word ?? '') && tokens.length >= 3) {
    return true;
  }
  const last = tokens.at(-1);
  const beforeLast = tokens.at(-2);
  if (last && beforeLast?.breakAfter && TAGS.has(last.word) && tokens.length >= 3) return true;
  if (!sentence.terminated && opensWithInterrogative(sentence)) return true;
  return has(sentence, 'clarify_request');
}

/** Offsets in the message text of the tokens a phrase hit covers. */
export function spanOf(sentence: Sentence, hit: readonly number[]): [number, number] {
  const first = sentence.tokens[Math.min(...hit)]!;
  const last = sentence.tokens[Math.max(...hit)]!;
  return [first.start, last.end];
}

/** The first occurrence of a concept in a message, as a span, or null. */
export function findSpan(message: AnalyzedMessage, concept: Concept): [number, number] | null {
  for (const s of message.sentences) {
    const hit = hits(s, concept)[0];
    if (hit) return spanOf(s, hit);
  }
  return null;
}

export function sentenceSpan(sentence: Sentence): [number, number] {
  return [sentence.start, sentence.end];
}
