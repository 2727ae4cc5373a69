// Everything the ten checks share, computed once per dialog: the analysed
// messages, the dialogue act of every operator sentence, which names are known
// from when, the operator's first question about the problem and first
// substantive answer, and the account's own phrases.
import { type DialogueAct, operatorActs } from './acts.js';
import { type AnalyzedMessage, analyzeMessages, messageHas } from './analyze.js';
import { type CustomPhrases, compileSettingsPhrases } from './custom-phrases.js';
import { formNameWords, introducedNameWords, nameKeys } from './names.js';
import type { Sentence } from './normalize.js';
import { contentCount, isClarifying, isOneWordReply } from './substance.js';
import { type AuditInput, type AuditSettings, DEFAULT_AUDIT_SETTINGS } from './types.js';

export interface KnownName {
  keys: readonly string[];
  /** Index of the message that revealed it; -1 when it came from the form. */
  knownFrom: number;
  sourceSeq: number | null;
}

export type OperatorRole = 'clarify' | 'answer' | 'other';

export interface Dialog {
  messages: readonly AnalyzedMessage[];
  operator: readonly AnalyzedMessage[];
  /** An operator took the dialog; when false every check is `na`. */
  taken: boolean;
  /** A client message says something beyond hello (the problem was stated). */
  problemStated: boolean;
  names: readonly KnownName[];
  /** Every key of every known name, for telling name words from content. */
  nameKeys: readonly string[];
  /** The dialogue act of an operator sentence ('courtesy' for any other). */
  act: (sentence: Sentence) => DialogueAct;
  role: (message: AnalyzedMessage) => OperatorRole;
  firstClarify: AnalyzedMessage | null;
  firstAnswer: AnalyzedMessage | null;
  /** The deciding sentence of an operator message with role clarify or answer. */
  deciding: (message: AnalyzedMessage) => Sentence | null;
  custom: CustomPhrases;
}

function knownNames(messages: readonly AnalyzedMessage[], contactName: string | null): KnownName[] {
  const names: KnownName[] = [];
  const fromForm = nameKeys(formNameWords(contactName));
  if (fromForm.length > 0) names.push({ keys: fromForm, knownFrom: -1, sourceSeq: null });
  let askedName = false;
  for (const m of messages) {
    if (m.author === 'operator') askedName = messageHas(m, 'name_ask');
    if (m.author !== 'contact') continue;
    const keys = nameKeys(introducedNameWords(m, askedName));
    if (keys.length > 0) names.push({ keys, knownFrom: m.index, sourceSeq: m.seq });
    askedName = false;
  }
  return names;
}

export function buildDialog(
  input: AuditInput,
  settings: AuditSettings = DEFAULT_AUDIT_SETTINGS,
): Dialog {
  const messages = analyzeMessages(input.messages);
  const operator = messages.filter((m) => m.author === 'operator');
  const names = knownNames(messages, input.contactName);
  const keys = [...new Set(names.flatMap((n) => n.keys))];
  const acts = operatorActs(operator, keys);
  const act = (s: Sentence): DialogueAct => acts.get(s) ?? 'courtesy';

  // Answers only count once the client has said what the problem is.
  const problem = messages.find(
    (m) => m.author === 'contact' && m.sentences.some((s) => contentCount(s, keys) >= 1),
  );
  // A message with a question about the problem is a clarifying one even if it
  // also states something ("Вижу заказ. Вы оплачивали картой?").
  const roles = new Map<AnalyzedMessage, OperatorRole>();
  const decidingSentence = new Map<AnalyzedMessage, Sentence>();
  let answered = false;
  for (const m of operator) {
    const afterProblem = problem !== undefined && m.index > problem.index;
    let clarifies: Sentence | null = null;
    let states: Sentence | null = null;
    for (const s of m.sentences) {
      if (!clarifies && act(s) === 'question' && isClarifying(s, m, keys, answered || !!states)) {
        clarifies = s;
      }
      if (afterProblem && !states && act(s) === 'answer') states = s;
    }
    const answers = afterProblem && (states !== null || isOneWordReply(m, keys));
    const role: OperatorRole = clarifies ? 'clarify' : answers ? 'answer' : 'other';
    const deciding = clarifies ?? states ?? (answers ? m.sentences[0] : undefined);
    if (deciding) decidingSentence.set(m, deciding);
    if (role === 'answer') answered = true;
    roles.set(m, role);
  }
  const role = (m: AnalyzedMessage): OperatorRole => roles.get(m) ?? 'other';
  return {
    messages,
    operator,
    taken: input.taken ?? operator.length > 0,
    problemStated: problem !== undefined,
    names,
    nameKeys: keys,
    act,
    role,
    firstClarify: operator.find((m) => role(m) === 'clarify') ?? null,
    firstAnswer: operator.find((m) => role(m) === 'answer') ?? null,
    deciding: (m) => decidingSentence.get(m) ?? null,
    custom: compileSettingsPhrases(settings),
  };
}
