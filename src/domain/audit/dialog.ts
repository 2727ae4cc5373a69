// Everything the nine checks share, computed once per dialog: the analysed
// messages, which names are known from when, and the operator's first
// question about the problem and first substantive answer.
import { type AnalyzedMessage, analyzeMessages, messageHas } from './analyze.js';
import { formNameWords, introducedNameWords, nameKeys } from './names.js';
import { contentCount, isClarifying, isOneWordReply, isSubstantive } from './substance.js';
import type { AuditInput } from './types.js';

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
  names: readonly KnownName[];
  /** Every key of every known name, for telling name words from content. */
  nameKeys: readonly string[];
  role: (message: AnalyzedMessage) => OperatorRole;
  firstClarify: AnalyzedMessage | null;
  firstAnswer: AnalyzedMessage | null;
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

export function buildDialog(input: AuditInput): Dialog {
  const messages = analyzeMessages(input.messages);
  const operator = messages.filter((m) => m.author === 'operator');
  const names = knownNames(messages, input.contactName);
  const keys = [...new Set(names.flatMap((n) => n.keys))];

  // Answers only count once the client has said what the problem is.
  const problem = messages.find(
    (m) => m.author === 'contact' && m.sentences.some((s) => contentCount(s, keys) >= 1),
  );
  // A message with a question about the problem is a clarifying one even if it
  // also states something ("Вижу заказ. Вы оплачивали картой?").
  const roles = new Map<AnalyzedMessage, OperatorRole>();
  let answered = false;
  for (const m of operator) {
    const afterProblem = problem !== undefined && m.index > problem.index;
    let clarifies = false;
    let states = false;
    for (const s of m.sentences) {
      if (isClarifying(s, m, keys, answered || states)) clarifies = true;
      if (afterProblem && isSubstantive(s, m, keys)) states = true;
    }
    const answers = afterProblem && (states || isOneWordReply(m, keys));
    const role: OperatorRole = clarifies ? 'clarify' : answers ? 'answer' : 'other';
    if (role === 'answer') answered = true;
    roles.set(m, role);
  }
  const role = (m: AnalyzedMessage): OperatorRole => roles.get(m) ?? 'other';
  return {
    messages,
    operator,
    names,
    nameKeys: keys,
    role,
    firstClarify: operator.find((m) => role(m) === 'clarify') ?? null,
    firstAnswer: operator.find((m) => role(m) === 'answer') ?? null,
  };
}
