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

/**
 * A question even when the writer dropped the "?": an interrogative opening an
 * unterminated sentence, the Ukrainian particle "чи" opening it, the Russian
 * particle "ли" after the first word, or a request to tell something
 * ("уточните номер заказа").
 */
export function isQuestionLike(sentence: Sentence): boolean {
  if (sentence.question) return true;
  const first = sentence.tokens[0]?.word ?? '';
  if (first === 'чи') return true;
  if (!sentence.terminated && INTERROGATIVES.has(first)) return true;
  if (sentence.tokens.some((t, i) => i > 0 && t.word === 'ли')) return true;
  return has(sentence, 'clarify_request');
}
