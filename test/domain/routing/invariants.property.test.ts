// Random histories of arrivals, closes, transfers, status, limit and team
// changes, each followed by a plan, checked against DESIGN §2 invariants 1–3.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DistributionMode,
  isEligible,
  languageRequired,
  type OperatorStatus,
  planAssignments,
  type QueuedConversation,
  type RoundRobinState,
  type RoutingOperator,
  type RoutingPolicy,
  speaks,
} from '../../../src/domain/routing/index.js';
import { seeded } from './builders.js';

const teams = ['t1', 't2', 't3'] as const;
const languages = ['ru', 'uk', 'en'] as const;
const operatorIds = ['o0', 'o1', 'o2', 'o3', 'o4', 'o5'] as const;

type Command =
  | {
      kind: 'arrive';
      count: number;
      team: number | null;
      priority: number;
      language: number | null;
    }
  | { kind: 'close'; pick: number }
  | { kind: 'transfer_to_team'; pick: number; team: number }
  | { kind: 'transfer_to_operator'; pick: number; op: number }
  | { kind: 'status'; op: number; status: OperatorStatus }
  | { kind: 'limit'; op: number; limit: number }
  | { kind: 'join'; op: number; team: number }
  | { kind: 'leave'; op: number; team: number }
  | { kind: 'wait'; ms: number };

const index = (n: number) => fc.nat({ max: n - 1 });
// Arrivals weigh more so queues build up and freed capacity meets several
// waiting conversations at once — where over-limit and blocking bugs hide.
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('arrive' as const),
      count: fc.integer({ min: 1, max: 4 }),
      team: fc.option(index(teams.length), { nil: null }),
      priority: fc.integer({ min: 1, max: 3 }),
      language: fc.option(index(languages.length), { nil: null }),
    }),
  },
  fc.record({ kind: fc.constant('close' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('transfer_to_team' as const), pick: fc.nat(), team: index(3) }),
  fc.record({ kind: fc.constant('transfer_to_operator' as const), pick: fc.nat(), op: index(6) }),
  fc.record({
    kind: fc.constant('status' as const),
    op: index(6),
    status: fc.constantFrom<OperatorStatus>('online', 'away', 'offline'),
  }),
  fc.record({ kind: fc.constant('limit' as const), op: index(6), limit: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('join' as const), op: index(6), team: index(3) }),
  fc.record({ kind: fc.constant('leave' as const), op: index(6), team: index(3) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 90_000 }) }),
);

const modes = fc.constantFrom<DistributionMode>('least_loaded', 'random', 'round_robin', 'manual');

interface World {
  now: number;
  operators: RoutingOperator[];
  queue: QueuedConversation[];
  /** conversation id → operator id, plus what it looked like in the queue. */
  assigned: Map<string, { operatorId: string; conv: QueuedConversation }>;
  roundRobin: RoundRobinState;
  nextId: number;
}

function initialOperators(): RoutingOperator[] {
  return operatorIds.map((id, i) => ({
    id,
    status: 'online',
    limit: (i % 3) + 1,
    open: 0,
    teamIds: [teams[i % teams.length] as string],
    languages: [languages[i % languages.length] as string],
    lastAssignedAt: null,
  }));
}

function unassign(world: World, convId: string): QueuedConversation | undefined {
  const entry = world.assigned.get(convId);
  if (entry === undefined) return undefined;
  world.assigned.delete(convId);
  const op = world.operators.find((o) => o.id === entry.operatorId);
  if (op) op.open -= 1;
  return entry.conv;
}

function apply(world: World, cmd: Command): void {
  const assignedIds = [...world.assigned.keys()];
  const pickAssigned = (pick: number) => assignedIds[pick % Math.max(1, assignedIds.length)];
  switch (cmd.kind) {
    case 'arrive':
      for (let i = 0; i < cmd.count; i++) {
        world.queue.push({
          id: `c${world.nextId++}`,
          teamId: cmd.team === null ? null : (teams[cmd.team] ?? null),
          priority: cmd.priority,
          queuedAt: world.now,
          language: cmd.language === null ? null : (languages[cmd.language] ?? null),
          excludedOperatorId: null,
        });
      }
      return;
    case 'close': {
      const id = pickAssigned(cmd.pick);
      if (id !== undefined) unassign(world, id);
      return;
    }
    case 'transfer_to_team': {
      const id = pickAssigned(cmd.pick);
      const from = id === undefined ? undefined : world.assigned.get(id)?.operatorId;
      const conv = id === undefined ? undefined : unassign(world, id);
      // Back into the target team's queue, keeping its original place in line.
      if (conv) {
        const teamId = teams[cmd.team] ?? null;
        world.queue.push({ ...conv, teamId, excludedOperatorId: from ?? null });
      }
      return;
    }
    case 'transfer_to_operator': {
      const id = pickAssigned(cmd.pick);
      const to = world.operators[cmd.op];
      if (id === undefined || !to || to.status !== 'online' || to.open >= to.limit) return;
      const conv = unassign(world, id);
      if (!conv) return;
      to.open += 1;
      world.assigned.set(id, { operatorId: to.id, conv });
      return;
    }
    case 'status': {
      const op = world.operators[cmd.op];
      if (!op) return;
      op.status = cmd.status;
      // Going offline returns open conversations to the queue with their original wait.
      if (cmd.status === 'offline') {
        for (const [id, entry] of [...world.assigned]) {
          if (entry.operatorId !== op.id) continue;
          const conv = unassign(world, id);
          if (conv) world.queue.push(conv);
        }
      }
      return;
    }
    case 'limit': {
      const op = world.operators[cmd.op];
      if (op) op.limit = cmd.limit;
      return;
    }
    case 'join': {
      const op = world.operators[cmd.op];
      const team = teams[cmd.team] as string;
      if (op && !op.teamIds.includes(team)) op.teamIds = [...op.teamIds, team];
      return;
    }
    case 'leave': {
      const op = world.operators[cmd.op];
      if (op) op.teamIds = op.teamIds.filter((t) => t !== teams[cmd.team]);
      return;
    }
    case 'wait':
      world.now += cmd.ms;
      return;
  }
}

function routeAndCheck(
  world: World,
  policyFor: (t: string | null) => RoutingPolicy,
  rnd: () => number,
) {
  const before = new Map(world.operators.map((o) => [o.id, { ...o }]));
  const plan = planAssignments({
    queue: world.queue,
    operators: world.operators,
    policyFor,
    ctx: { now: world.now, random: rnd },
    roundRobin: world.roundRobin,
  });
  world.roundRobin = plan.roundRobin;

  const conversationIds = plan.assignments.map((a) => a.conversationId);
  // Invariant 2: one operator per conversation, and only for conversations still queued.
  expect(new Set(conversationIds).size).toBe(conversationIds.length);
  for (const a of plan.assignments) {
    expect(world.assigned.has(a.conversationId)).toBe(false);
    const conv = world.queue.find((c) => c.id === a.conversationId);
    const op = world.operators.find((o) => o.id === a.operatorId);
    if (!conv || !op) throw new Error('plan referenced an unknown conversation or operator');
    // Each pick honours every eligibility rule other than the (changing) load.
    const policy = policyFor(conv.teamId);
    expect(policy.mode).not.toBe('manual');
    expect(op.status).toBe('online');
    expect(op.id).not.toBe(conv.excludedOperatorId);
    if (conv.teamId !== null) expect(op.teamIds).toContain(conv.teamId);
    if (conv.language !== null && languageRequired(conv, policy, world.now)) {
      expect(speaks(op, conv.language)).toBe(true);
    }
    op.open += 1;
    op.lastAssignedAt = world.now;
    world.assigned.set(conv.id, { operatorId: op.id, conv });
  }
  const taken = new Set(conversationIds);
  world.queue = world.queue.filter((c) => !taken.has(c.id));

  // Invariant 1: a plan never pushes anyone past the limit (a lowered limit
  // may leave someone above it, but then they get nothing new).
  for (const op of world.operators) {
    const was = before.get(op.id)?.open ?? 0;
    if (op.open > was) expect(op.open).toBeLessThanOrEqual(op.limit);
  }
  // Invariant 3: work-conserving — nothing left queued has an eligible operator
  // with room. Collected rather than asserted one by one: expect() is slow in a hot loop.
  const idle: string[] = [];
  for (const conv of world.queue) {
    const policy = policyFor(conv.teamId);
    if (policy.mode === 'manual') continue;
    const someone = world.operators.find((op) => isEligible(op, conv, policy, world.now));
    if (someone) idle.push(`${conv.id} could go to ${someone.id}`);
  }
  expect(idle).toEqual([]);
}

describe('routing invariants under random histories', () => {
  it('never exceeds a limit, never double-assigns, and never leaves work beside a free eligible operator', () => {
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 1, maxLength: 150, size: 'max' }),
        fc.tuple(modes, modes, modes, modes),
        fc.boolean(),
        fc.integer(),
        (commands, [m1, m2, m3, mNone], languageRouting, seed) => {
          const byTeam: Record<string, DistributionMode> = { t1: m1, t2: m2, t3: m3 };
          const policyFor = (teamId: string | null): RoutingPolicy => ({
            mode: teamId === null ? mNone : (byTeam[teamId] ?? 'least_loaded'),
            languageRouting,
            languageTimeoutMs: 60_000,
          });
          const world: World = {
            now: 1_000_000,
            operators: initialOperators(),
            queue: [],
            assigned: new Map(),
            roundRobin: {},
            nextId: 0,
          };
          const rnd = seeded(seed);
          for (const cmd of commands) {
            apply(world, cmd);
            routeAndCheck(world, policyFor, rnd);
          }
          // Bookkeeping agrees with the assignments we hold.
          for (const op of world.operators) {
            const held = [...world.assigned.values()].filter((e) => e.operatorId === op.id).length;
            expect(op.open).toBe(held);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
