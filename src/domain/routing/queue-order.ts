import type { QueuedConversation } from './types.js';

type Ordered = Pick<QueuedConversation, 'id' | 'priority' | 'queuedAt' | 'flagged'>;

/**
 * Queue order (DESIGN §2, issue 17): lower channel priority number first;
 * within a priority, conversations flagged as angry or urgent first; then the
 * longest waiting. The id breaks exact ties so every node and every test sees
 * the same order. The database orders by the same key
 * (src/store/queue-order-sql.ts).
 */
export function compareQueue(a: Ordered, b: Ordered): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  const flagged = Number(b.flagged === true) - Number(a.flagged === true);
  if (flagged !== 0) return flagged;
  if (a.queuedAt !== b.queuedAt) return a.queuedAt - b.queuedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy; the input is left untouched. */
export function sortQueue<T extends Ordered>(queue: readonly T[]): T[] {
  return [...queue].sort(compareQueue);
}
