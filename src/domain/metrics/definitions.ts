/**
 * The one-definition metrics of DESIGN §4, per conversation. Every report,
 * chart, export and pre-aggregation must call these (or reproduce them
 * exactly) so that a number means the same thing on every screen.
 *
 * Common rules:
 * - Messages are ordered by `seq`, never by `at`: clocks of channels differ,
 *   the sequence number is the order the client and operator saw.
 * - Only `operator` messages are replies. `bot` and `system` messages never
 *   count as a response, an answer or a reaction (DESIGN §4, issue 6).
 * - A closed conversation reopens as a new one (DESIGN §1), so a conversation's
 *   own messages are the whole story: a reply in the reopened conversation
 *   never answers a message of the old one.
 */
import type { MetricConversation, MetricMessage } from './types.js';

/** Copy sorted by `seq`; callers may pass rows in any order. */
export function inSeqOrder(messages: readonly MetricMessage[]): MetricMessage[] {
  return [...messages].sort((a, b) => a.seq - b.seq);
}

function firstOperatorMessage(messages: readonly MetricMessage[]): MetricMessage | null {
  let first: MetricMessage | null = null;
  for (const message of messages) {
    if (message.author === 'operator' && (first === null || message.seq < first.seq)) {
      first = message;
    }
  }
  return first;
}

/**
 * First response time (DESIGN §4): from entering the queue — or from creation
 * when the conversation never was queued (no bot in front) — to the first
 * operator message. Bot and system messages never count.
 *
 * null when no operator has replied (yet). Clamped at 0: an operator who wrote
 * first (an outbound conversation) kept nobody waiting.
 */
export function firstResponseMs(
  conv: MetricConversation,
  messages: readonly MetricMessage[],
): number | null {
  const reply = firstOperatorMessage(messages);
  if (reply === null) return null;
  const start = conv.queuedAt ?? conv.createdAt;
  return Math.max(0, reply.at - start);
}

/**
 * Reaction times (DESIGN §4): inside a dialog, from the first client message
 * not yet answered to the next operator message; one value per such pair.
 *
 * "Inside a dialog" means after the operator's first message: the stretch
 * before it is the queue wait plus first response, which the first-response
 * metric already measures and which the operator does not control. Client
 * messages still unanswered at the end produce no value (see
 * `messageAnswering` for those). Bot and system messages neither start nor end
 * an interval.
 */
export function reactionTimesMs(messages: readonly MetricMessage[]): number[] {
  const times: number[] = [];
  let operatorJoined = false;
  let waitingSince: number | null = null;
  for (const message of inSeqOrder(messages)) {
    if (message.author === 'contact') {
      if (operatorJoined && waitingSince === null) waitingSince = message.at;
    } else if (message.author === 'operator') {
      if (waitingSince !== null) times.push(Math.max(0, message.at - waitingSince));
      waitingSince = null;
      operatorJoined = true;
    }
  }
  return times;
}

/**
 * Answered / unanswered client messages (DESIGN §4): a client message is
 * answered when an operator message follows it (higher `seq`) before the
 * conversation closes — i.e. within this conversation's messages. Client
 * messages of an open conversation with no reply yet count as unanswered now.
 */
export function messageAnswering(messages: readonly MetricMessage[]): {
  answered: number;
  unanswered: number;
} {
  let lastOperatorSeq = Number.NEGATIVE_INFINITY;
  for (const message of messages) {
    if (message.author === 'operator' && message.seq > lastOperatorSeq) {
      lastOperatorSeq = message.seq;
    }
  }
  let answered = 0;
  let unanswered = 0;
  for (const message of messages) {
    if (message.author !== 'contact') continue;
    if (message.seq < lastOperatorSeq) answered += 1;
    else unanswered += 1;
  }
  return { answered, unanswered };
}

/** Wait time (DESIGN §4): from entering the queue to assignment; null when either is missing. */
export function waitMs(conv: MetricConversation): number | null {
  if (conv.queuedAt === null || conv.assignedAt === null) return null;
  return Math.max(0, conv.assignedAt - conv.queuedAt);
}

/** Duration (DESIGN §4): from creation to close; null while open. */
export function durationMs(conv: MetricConversation): number | null {
  if (conv.closedAt === null) return null;
  return Math.max(0, conv.closedAt - conv.createdAt);
}

/** Whether the conversation ever was handed to operators (queued, or assigned directly). */
function reachedOperators(conv: MetricConversation): boolean {
  return conv.queuedAt !== null || conv.assignedAt !== null;
}

/**
 * Abandoned (DESIGN §4): closed by the client side (`closedBy === 'contact'`)
 * before any operator message. A bot or system reply does not save it.
 *
 * Only conversations handed to operators can be abandoned: a client who closes
 * a conversation the bot resolved (never queued nor assigned) was not left
 * waiting for an operator, and counting bot deflection as abandonment would
 * punish the bot's successes.
 */
export function isAbandoned(conv: MetricConversation, messages: readonly MetricMessage[]): boolean {
  if (conv.closedAt === null || conv.closedBy !== 'contact') return false;
  return reachedOperators(conv) && firstOperatorMessage(messages) === null;
}

/**
 * Service level membership (DESIGN §3, issue 6): did the first operator reply
 * come within `targetMs` (inclusive)?
 *
 * - open conversations: null — they are decided when they close;
 * - abandoned: false — the client gave up waiting, which is a service failure
 *   (counting it as "not applicable" would reward slow queues);
 * - closed without any operator reply after reaching operators (closed by an
 *   operator or the system unanswered): false — nobody answered;
 * - closed without a reply and never queued nor assigned (resolved by the
 *   bot): null — it never was operator traffic.
 */
export function withinServiceLevel(
  conv: MetricConversation,
  messages: readonly MetricMessage[],
  targetMs: number,
): boolean | null {
  if (conv.closedAt === null) return null;
  if (isAbandoned(conv, messages)) return false;
  const firstResponse = firstResponseMs(conv, messages);
  if (firstResponse !== null) return firstResponse <= targetMs;
  return reachedOperators(conv) ? false : null;
}

/** How a conversation ended, as a drill-down shows it (issue 18). */
export type ConversationOutcome = 'open' | 'answered' | 'abandoned' | 'unanswered' | 'bot';

/**
 * The outcome from the facts the other definitions give — so the SQL of the
 * reports, which stores those facts per conversation, maps them with this
 * same function:
 * - open: not closed yet;
 * - abandoned: `isAbandoned` (the client left before any operator reply);
 * - answered: an operator replied (`firstResponseMs` is defined);
 * - unanswered: closed without a reply after reaching operators;
 * - bot: closed without a reply, never handed to operators (the bot resolved it).
 */
export function outcomeOf(facts: {
  closed: boolean;
  abandoned: boolean;
  answered: boolean;
  reachedOperators: boolean;
}): ConversationOutcome {
  if (!facts.closed) return 'open';
  if (facts.abandoned) return 'abandoned';
  if (facts.answered) return 'answered';
  return facts.reachedOperators ? 'unanswered' : 'bot';
}

export function conversationOutcome(
  conv: MetricConversation,
  messages: readonly MetricMessage[],
): ConversationOutcome {
  return outcomeOf({
    closed: conv.closedAt !== null,
    abandoned: isAbandoned(conv, messages),
    answered: firstResponseMs(conv, messages) !== null,
    reachedOperators: reachedOperators(conv),
  });
}
