import { chooseOperator } from './choose-operator.js';
import { hasRoom } from './eligibility.js';
import { LeastLoadedHeaps } from './least-loaded-heaps.js';
import { sortQueue } from './queue-order.js';
import {
  type Assignment,
  type QueuedConversation,
  type RoundRobinState,
  type RoutingContext,
  type RoutingOperator,
  type RoutingPolicy,
  teamKey,
} from './types.js';

export interface PlanInput {
  queue: readonly QueuedConversation[];
  operators: readonly RoutingOperator[];
  policyFor: (teamId: string | null) => RoutingPolicy;
  ctx: RoutingContext;
  roundRobin: RoundRobinState;
}

export interface Plan {
  assignments: Assignment[];
  roundRobin: RoundRobinState;
}

function byId(a: RoutingOperator, b: RoutingOperator): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Assigns as much of the queue as the operators' free slots allow, in queue
 * order. Greedy and one pass, and that is enough for the invariants:
 * - working copies of the operators get `open + 1` after each pick, so within
 *   one plan nobody goes over their limit (invariant 1);
 * - each conversation id is assigned at most once (invariant 2);
 * - a conversation nobody can take is skipped, not waited on, so later ones
 *   still get served (no head-of-line blocking). Capacity only shrinks during
 *   the pass, so a skipped conversation still has no eligible operator at the
 *   end: the result is work-conserving (invariant 3), manual teams excepted.
 * The caller (the store) must still apply each assignment with a conditional
 * update — the plan is a proposal computed from a snapshot.
 */
export function planAssignments(input: PlanInput): Plan {
  const { ctx } = input;
  const assignments: Assignment[] = [];
  if (input.queue.length === 0) return { assignments, roundRobin: input.roundRobin };
  // Only operators with a free slot can receive anything. Sorted by id once so
  // the random policy's per-pick ordering is already in place.
  let available = input.operators
    .filter(hasRoom)
    .map((op) => ({ ...op }))
    .sort(byId);
  if (available.length === 0) return { assignments, roundRobin: input.roundRobin };

  const policies = new Map<string | null, RoutingPolicy>();
  const policyFor = (teamId: string | null): RoutingPolicy => {
    let policy = policies.get(teamId);
    if (policy === undefined) {
      policy = input.policyFor(teamId);
      policies.set(teamId, policy);
    }
    return policy;
  };
  const roundRobin: Record<string, string> = { ...input.roundRobin };
  const assigned = new Set<string>();
  // least_loaded without language routing (the default) picks from heaps;
  // the other cases scan with chooseOperator. Both make the same choice.
  const heaps = new LeastLoadedHeaps(available);
  const fast = (policy: RoutingPolicy) => policy.mode === 'least_loaded' && !policy.languageRouting;

  for (const conv of sortQueue(input.queue)) {
    if (available.length === 0) break;
    if (assigned.has(conv.id)) continue;
    const policy = policyFor(conv.teamId);
    const key = teamKey(conv.teamId);
    let op: RoutingOperator | undefined;
    if (fast(policy)) {
      op = heaps.choose(conv, policy, ctx.now);
    } else {
      const operatorId = chooseOperator(conv, available, policy, ctx, roundRobin[key] ?? null);
      op = operatorId === null ? undefined : available.find((o) => o.id === operatorId);
    }
    if (op === undefined) continue;
    const operatorId = op.id;
    op.open += 1;
    op.lastAssignedAt = ctx.now;
    heaps.assigned(op);
    if (policy.mode === 'round_robin') roundRobin[key] = operatorId;
    assigned.add(conv.id);
    assignments.push({ conversationId: conv.id, operatorId });
    if (!hasRoom(op)) available = available.filter((o) => o !== op);
  }
  return { assignments, roundRobin };
}
