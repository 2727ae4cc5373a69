import { compareQueue } from './queue-order.js';
import type { QueuedConversation, RoutingOperator } from './types.js';

/**
 * 1-based place of a conversation among those competing for the same team
 * (same teamId; conversations without a team compete with each other), in
 * queue order. Null when it is not in the queue.
 */
export function queuePosition(
  conversationId: string,
  queue: readonly QueuedConversation[],
): number | null {
  const target = queue.find((c) => c.id === conversationId);
  if (target === undefined) return null;
  let ahead = 0;
  for (const c of queue) {
    if (c.teamId === target.teamId && compareQueue(c, target) < 0) ahead += 1;
  }
  return ahead + 1;
}

export interface WaitEstimateInput {
  /** From `queuePosition`. */
  position: number;
  teamId: string | null;
  operators: readonly RoutingOperator[];
  /** Recent average handle time of one conversation, ms. */
  averageHandleTimeMs: number;
  /**
   * Assignments per ms measured in the team recently (e.g. the last 15 min).
   * While the queue is busy this is the rate slots really free at; it counts
   * when faster than the handle-time model, never to slow the estimate down
   * (a quiet period measures the arrivals, not the operators).
   */
  recentAssignmentRate?: number;
}

/**
 * Expected further wait in ms, or null when no operator of the team is online
 * (nobody will answer; the client gets the "no one online" notice instead).
 *
 * Model: the team's online operators offer `capacity` = Σ limit slots. Free
 * slots take the first conversations at once (wait 0). Beyond those, each busy
 * slot frees after about one handle time, so slots free at
 * `rate = max(capacity / AHT, recentAssignmentRate)` per ms and the k-th
 * conversation past the free slots waits k / rate. With exponential handle
 * times and every slot busy, capacity / AHT gives exactly the mean wait of an
 * M/M/c queue for that place in line; it ignores language routing and
 * transfers, which is fine for a "≈ 2 min" estimate.
 */
export function estimateWait(input: WaitEstimateInput): number | null {
  let capacity = 0;
  let free = 0;
  for (const op of input.operators) {
    if (op.status !== 'online') continue;
    if (input.teamId !== null && !op.teamIds.includes(input.teamId)) continue;
    capacity += Math.max(0, op.limit);
    free += Math.max(0, op.limit - op.open);
  }
  if (capacity === 0) return null;
  const behindFreeSlots = input.position - free;
  if (behindFreeSlots <= 0) return 0;
  const rate = Math.max(capacity / input.averageHandleTimeMs, input.recentAssignmentRate ?? 0);
  return behindFreeSlots / rate;
}
