import { hasRoom, isEligible } from './eligibility.js';
import type { QueuedConversation, RoutingOperator, RoutingPolicy } from './types.js';

// `least_loaded` for a whole plan in O(log n) per pick instead of a scan of
// every operator per conversation: a burst of 10,000 conversations over 2,000
// operators is 20 million eligibility checks the plain way. One min-heap per
// team (and one for conversations without a team, holding everyone), ordered
// as `chooseOperator` orders: fewest open, then idle longest, then id.
//
// Entries are snapshots of an operator's (open, lastAssignedAt); an assignment
// makes the operator's entries stale and pushes fresh ones, and stale or full
// entries are dropped when they surface. The result is exactly the minimum over
// the eligible operators with room — the same choice as `chooseOperator`.

interface Entry {
  op: RoutingOperator;
  open: number;
  lastAssignedAt: number | null;
}

function before(a: Entry, b: Entry): boolean {
  if (a.open !== b.open) return a.open < b.open;
  if (a.lastAssignedAt !== b.lastAssignedAt) {
    if (a.lastAssignedAt === null) return true;
    if (b.lastAssignedAt === null) return false;
    return a.lastAssignedAt < b.lastAssignedAt;
  }
  return a.op.id < b.op.id;
}

class MinHeap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  push(entry: Entry): void {
    const items = this.items;
    items.push(entry);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l]!, items[m]!)) m = l;
        if (r < items.length && before(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

const entry = (op: RoutingOperator): Entry => ({
  op,
  open: op.open,
  lastAssignedAt: op.lastAssignedAt,
});

export class LeastLoadedHeaps {
  /** Keyed by team id; null holds every operator (conversations without a team). */
  private readonly heaps = new Map<string | null, MinHeap>();

  /** `operators` are the plan's working copies; the plan mutates them after each pick. */
  constructor(private readonly operators: readonly RoutingOperator[]) {}

  private heapFor(teamId: string | null): MinHeap {
    let heap = this.heaps.get(teamId);
    if (heap === undefined) {
      heap = new MinHeap();
      for (const op of this.operators)
        if (hasRoom(op) && (teamId === null || op.teamIds.includes(teamId))) heap.push(entry(op));
      this.heaps.set(teamId, heap);
    }
    return heap;
  }

  /** The least-loaded eligible operator for `conv`, or undefined; nothing is taken. */
  choose(
    conv: QueuedConversation,
    policy: RoutingPolicy,
    now: number,
  ): RoutingOperator | undefined {
    const heap = this.heapFor(conv.teamId);
    const skipped: Entry[] = [];
    let chosen: Entry | undefined;
    for (let e = heap.pop(); e !== undefined; e = heap.pop()) {
      if (e.open !== e.op.open || !hasRoom(e.op)) continue; // stale or full: drop
      if (!isEligible(e.op, conv, policy, now)) {
        skipped.push(e);
        continue;
      }
      chosen = e;
      break;
    }
    for (const e of skipped) heap.push(e);
    if (chosen) heap.push(chosen); // still current until `assigned` is called
    return chosen?.op;
  }

  /** After the plan raised `op.open`: its old entries are stale, fresh ones go in. */
  assigned(op: RoutingOperator): void {
    if (!hasRoom(op)) return;
    for (const [teamId, heap] of this.heaps)
      if (teamId === null || op.teamIds.includes(teamId)) heap.push(entry(op));
  }
}
