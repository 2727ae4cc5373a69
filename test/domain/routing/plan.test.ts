import { describe, expect, it } from 'vitest';
import {
  planAssignments,
  type QueuedConversation,
  type RoutingOperator,
  type RoutingPolicy,
} from '../../../src/domain/routing/index.js';
import { context, conversation, operator, policy } from './builders.js';

function plan(
  queue: QueuedConversation[],
  operators: RoutingOperator[],
  policyFor: (teamId: string | null) => RoutingPolicy = () => policy(),
  now = 0,
) {
  return planAssignments({ queue, operators, policyFor, ctx: context(now), roundRobin: {} });
}

describe('planning assignments', () => {
  it('assigns the queue in order, filling the least loaded first', () => {
    const { assignments } = plan(
      [conversation('c2', { queuedAt: 2 }), conversation('c1', { queuedAt: 1 })],
      [operator('natalia', { open: 1 }), operator('tatiana', { open: 3 })],
    );
    // After c1 Natalia has 2, still fewer than Tatiana's 3.
    expect(assignments).toEqual([
      { conversationId: 'c1', operatorId: 'natalia' },
      { conversationId: 'c2', operatorId: 'natalia' },
    ]);
  });

  it('never gives an operator more than the limit within one plan', () => {
    const queue = ['a', 'b', 'c', 'd'].map((id, i) => conversation(id, { queuedAt: i }));
    const { assignments } = plan(queue, [operator('solo', { limit: 2, open: 0 })]);
    expect(assignments.map((a) => a.conversationId)).toEqual(['a', 'b']);
  });

  it('spreads a burst across operators by updating loads and idle times as it goes', () => {
    const queue = ['a', 'b', 'c'].map((id, i) => conversation(id, { queuedAt: i }));
    const { assignments } = plan(
      queue,
      [operator('x'), operator('y'), operator('z')],
      undefined,
      7,
    );
    expect(assignments.map((a) => a.operatorId)).toEqual(['x', 'y', 'z']);
  });

  it('lets a later conversation through when the head of the queue cannot be served', () => {
    const queue = [
      conversation('billing', { teamId: 'billing', queuedAt: 1 }),
      conversation('sales', { teamId: 'sales', queuedAt: 2 }),
    ];
    const { assignments } = plan(queue, [operator('s', { teamIds: ['sales'] })]);
    expect(assignments).toEqual([{ conversationId: 'sales', operatorId: 's' }]);
  });

  it('leaves manual teams in the queue for operators to take', () => {
    const queue = [
      conversation('m', { teamId: 'manual', queuedAt: 1 }),
      conversation('a', { teamId: 'auto', queuedAt: 2 }),
    ];
    const { assignments } = plan(queue, [operator('o', { teamIds: ['manual', 'auto'] })], (t) =>
      policy({ mode: t === 'manual' ? 'manual' : 'least_loaded' }),
    );
    expect(assignments).toEqual([{ conversationId: 'a', operatorId: 'o' }]);
  });

  it('advances the round-robin rotation per team and returns it', () => {
    const rr = policy({ mode: 'round_robin' });
    const queue = ['a', 'b', 'c'].map((id, i) => conversation(id, { teamId: 't', queuedAt: i }));
    const ops = ['o1', 'o2'].map((id) => operator(id, { teamIds: ['t'] }));
    const result = planAssignments({
      queue,
      operators: ops,
      policyFor: () => rr,
      ctx: context(),
      roundRobin: { t: 'o1', other: 'x' },
    });
    expect(result.assignments.map((a) => a.operatorId)).toEqual(['o2', 'o1', 'o2']);
    expect(result.roundRobin).toEqual({ t: 'o2', other: 'x' });
  });

  it('keeps conversations without a team in their own rotation under the empty key', () => {
    const rr = policy({ mode: 'round_robin' });
    const result = planAssignments({
      queue: [conversation('a')],
      operators: [operator('o1'), operator('o2')],
      policyFor: () => rr,
      ctx: context(),
      roundRobin: { '': 'o1' },
    });
    expect(result.roundRobin).toEqual({ '': 'o2' });
  });

  it('assigns a conversation listed twice only once', () => {
    const { assignments } = plan([conversation('a'), conversation('a')], [operator('x')]);
    expect(assignments).toHaveLength(1);
  });

  it('does not change the operators it was given', () => {
    const ops = [operator('x', { open: 1 })];
    plan([conversation('a')], ops, undefined, 99);
    expect(ops[0]).toMatchObject({ open: 1, lastAssignedAt: null });
  });

  it('returns no assignments when nobody is online', () => {
    const { assignments } = plan([conversation('a')], [operator('x', { status: 'away' })]);
    expect(assignments).toEqual([]);
  });
});
