import { isEligible } from './eligibility.js';
import type {
  QueuedConversation,
  RoutingContext,
  RoutingOperator,
  RoutingPolicy,
} from './types.js';

// Each policy is a linear scan: the plan calls this once per queued
// conversation, so sorting the operators here would cost O(n log n) each time.

function byId(a: RoutingOperator, b: RoutingOperator): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Fewest open; ties to the longest idle (never assigned first), then id for determinism. */
function lessLoaded(a: RoutingOperator, b: RoutingOperator): boolean {
  if (a.open !== b.open) return a.open < b.open;
  if (a.lastAssignedAt !== b.lastAssignedAt) {
    if (a.lastAssignedAt === null) return true;
    if (b.lastAssignedAt === null) return false;
    return a.lastAssignedAt < b.lastAssignedAt;
  }
  return a.id < b.id;
}

function pickLeastLoaded(eligible: readonly RoutingOperator[]): RoutingOperator | undefined {
  let best: RoutingOperator | undefined;
  for (const op of eligible) if (best === undefined || lessLoaded(op, best)) best = op;
  return best;
}

function pickRandom(
  eligible: readonly RoutingOperator[],
  random: () => number,
): RoutingOperator | undefined {
  if (eligible.length === 0) return undefined;
  // Ordered by id so a seeded draw picks the same person whatever order the
  // caller listed operators in (cheap when already sorted: TimSort finds the run).
  const ordered = [...eligible].sort(byId);
  const index = Math.min(ordered.length - 1, Math.floor(random() * ordered.length));
  return ordered[index];
}

/**
 * The rotation is all operators ordered by id; the next one is the smallest id
 * after the last chosen, wrapping to the smallest overall. Comparing ids rather
 * than positions keeps the rotation stable when the last operator left the team.
 */
function pickRoundRobin(
  eligible: readonly RoutingOperator[],
  last: string | null,
): RoutingOperator | undefined {
  let first: RoutingOperator | undefined;
  let next: RoutingOperator | undefined;
  for (const op of eligible) {
    if (first === undefined || op.id < first.id) first = op;
    if (last !== null && op.id > last && (next === undefined || op.id < next.id)) next = op;
  }
  return next ?? first;
}

/**
 * The operator who should get `conv` now under `policy`, or null when nobody
 * eligible has room — and always null in `manual` mode, where operators take
 * conversations themselves.
 */
export function chooseOperator(
  conv: QueuedConversation,
  operators: readonly RoutingOperator[],
  policy: RoutingPolicy,
  ctx: RoutingContext,
  lastRoundRobinOperatorId: string | null,
): string | null {
  const eligible = operators.filter((op) => isEligible(op, conv, policy, ctx.now));
  switch (policy.mode) {
    case 'manual':
      return null;
    case 'least_loaded':
      return pickLeastLoaded(eligible)?.id ?? null;
    case 'random':
      return pickRandom(eligible, ctx.random)?.id ?? null;
    case 'round_robin':
      return pickRoundRobin(eligible, lastRoundRobinOperatorId)?.id ?? null;
  }
}
