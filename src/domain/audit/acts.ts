// The dialogue act of each operator sentence, decided once per dialog and read
// by every check: a question to the client, an answer (a statement carrying
// substance), a warning (it will take time / what the operator is doing), or
// courtesy (greetings, thanks, bare acknowledgements, goodbyes, procedure).
import { type AnalyzedMessage, has, isQuestionLike } from './analyze.js';
import type { Sentence } from './normalize.js';
import { isSubstantive, isWarning } from './substance.js';

export type DialogueAct = 'question' | 'answer' | 'warning' | 'courtesy';

export function sentenceAct(
  sentence: Sentence,
  message: AnalyzedMessage,
  nameKeys: readonly string[],
): DialogueAct {
  // A question mark or a request to tell something ("Уточните сумму — посмотрю…") asks.
  if (sentence.question || has(sentence, 'clarify_request')) return 'question';
  // "Перевірю, чи підтримує наш імпорт…": an indirect question inside a warning.
  if (isWarning(sentence)) return 'warning';
  if (isQuestionLike(sentence)) return 'question';
  if (isSubstantive(sentence, message, nameKeys)) return 'answer';
  // "Слухаю вас", "How can I help" without a question mark still invite the client to speak.
  if (has(sentence, 'how_can_help')) return 'question';
  return 'courtesy';
}

/** The acts of every sentence of every operator message, keyed by sentence. */
export function operatorActs(
  operator: readonly AnalyzedMessage[],
  nameKeys: readonly string[],
): ReadonlyMap<Sentence, DialogueAct> {
  const acts = new Map<Sentence, DialogueAct>();
  for (const m of operator) for (const s of m.sentences) acts.set(s, sentenceAct(s, m, nameKeys));
  return acts;
}
