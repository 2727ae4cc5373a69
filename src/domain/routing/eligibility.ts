import type { QueuedConversation, RoutingOperator, RoutingPolicy } from './types.js';

/**
 * Whether the language rule still applies: only when the team routes by
 * language, the conversation has one, and it has not yet waited past the
 * timeout — after that any operator is better than none.
 */
export function languageRequired(
  conv: Pick<QueuedConversation, 'language' | 'queuedAt'>,
  policy: RoutingPolicy,
  now: number,
): boolean {
  return (
    policy.languageRouting &&
    conv.language !== null &&
    now - conv.queuedAt < policy.languageTimeoutMs
  );
}

/** When the language rule stops applying to a conversation it applies to now; null if it does not. */
export function languageExpiresAt(
  conv: Pick<QueuedConversation, 'language' | 'queuedAt'>,
  policy: RoutingPolicy,
  now: number,
): number | null {
  return languageRequired(conv, policy, now) ? conv.queuedAt + policy.languageTimeoutMs : null;
}

export function speaks(op: Pick<RoutingOperator, 'languages'>, language: string): boolean {
  const wanted = language.toLowerCase();
  return op.languages.some((l) => l.toLowerCase() === wanted);
}

/** Has a free slot right now; a lowered limit below `open` simply means no room. */
export function hasRoom(op: Pick<RoutingOperator, 'status' | 'limit' | 'open'>): boolean {
  return op.status === 'online' && op.open < op.limit;
}

/** DESIGN §2 eligibility, every clause in one place so the router and its tests agree. */
export function isEligible(
  op: RoutingOperator,
  conv: QueuedConversation,
  policy: RoutingPolicy,
  now: number,
): boolean {
  if (!hasRoom(op)) return false;
  if (op.id === conv.excludedOperatorId) return false;
  if (conv.teamId !== null && !op.teamIds.includes(conv.teamId)) return false;
  if (conv.language !== null && languageRequired(conv, policy, now) && !speaks(op, conv.language)) {
    return false;
  }
  return true;
}
