// The heap-based least_loaded pick must choose exactly as chooseOperator's scan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Assignment,
  chooseOperator,
  hasRoom,
  planAssignments,
  type QueuedConversation,
  type RoutingOperator,
  sortQueue,
} from '../../../src/domain/routing/index.js';
import { policy } from './builders.js';

const teams = ['t1', 't2', 't3'];

/** The plan as it was before the heaps: one scan per conversation. */
function referencePlan(queue: QueuedConversation[], operators: RoutingOperator[]): Assignment[] {
  const working = operators.filter(hasRoom).map((o) => ({ ...o }));
  const out: Assignment[] = [];
  const now = 1_000;
  for (const conv of sortQueue(queue)) {
    const id = chooseOperator(conv, working, policy(), { now, random: () => 0 }, null);
    if (id === null) continue;
    const op = working.find((o) => o.id === id)!;
    op.open += 1;
    op.lastAssignedAt = now;
    out.push({ conversationId: conv.id, operatorId: id });
  }
  return out;
}

const operatorArb = (i: number) =>
  fc
    .record({
      status: fc.constantFrom('online', 'online', 'away', 'offline') as fc.Arbitrary<
        RoutingOperator['status']
      >,
      limit: fc.nat({ max: 3 }),
      open: fc.nat({ max: 3 }),
      teamIds: fc.subarray(teams),
      // Few distinct values, so ties on open and on idle time are common.
      lastAssignedAt: fc.option(fc.constantFrom(100, 200, 300), { nil: null }),
    })
    .map((o): RoutingOperator => ({ id: `o${String(i).padStart(2, '0')}`, languages: [], ...o }));

const conversationArb = (i: number) =>
  fc
    .record({
      teamId: fc.option(fc.constantFrom(...teams), { nil: null }),
      priority: fc.integer({ min: 1, max: 2 }),
      queuedAt: fc.nat({ max: 50 }),
      excludedOperatorId: fc.option(fc.constantFrom('o00', 'o01', 'o02'), { nil: null }),
    })
    .map(
      (c): QueuedConversation => ({ id: `c${String(i).padStart(3, '0')}`, language: null, ...c }),
    );

describe('least_loaded from heaps', () => {
  it('assigns exactly as a scan of every operator would', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 12 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => operatorArb(i)))),
        fc
          .integer({ min: 0, max: 40 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => conversationArb(i)))),
        (operators, queue) => {
          const plan = planAssignments({
            queue,
            operators,
            policyFor: () => policy(),
            ctx: { now: 1_000, random: () => 0 },
            roundRobin: {},
          });
          expect(plan.assignments).toEqual(referencePlan(queue, operators));
        },
      ),
      { numRuns: 500 },
    );
  });
});
