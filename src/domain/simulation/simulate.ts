// Discrete-event simulation of one queue served by the real routing code.
// Every arrival and completion calls planAssignments — the same function
// production uses — so the simulation tests the router, not a model of it.
import {
  type DistributionMode,
  planAssignments,
  type QueuedConversation,
  type RoundRobinState,
  type RoutingOperator,
  type RoutingPolicy,
} from '../routing/index.js';
import { EventHeap } from './event-heap.js';
import { exponential, mulberry32 } from './prng.js';

export interface SimulationConfig {
  agents: number;
  /** Each agent's limit of simultaneous conversations. */
  limit: number;
  arrivalsPerSecond: number;
  /** Mean of the exponential handle time of one conversation. */
  ahtSeconds: number;
  /** Service level counts waits ≤ this many seconds. */
  targetSeconds: number;
  /** Conversations measured, after the warm-up. */
  conversations: number;
  /** Conversations simulated first and not measured, so the run starts from a loaded queue. */
  warmupConversations?: number;
  seed: number;
  mode?: DistributionMode;
  /** Called every `progressEvery` measured assignments; the bench prints it. */
  onProgress?: (measured: number, total: number) => void;
  progressEvery?: number;
}

export interface SimulationResult {
  conversations: number;
  /** Share of measured conversations assigned within targetSeconds. */
  serviceLevel: number;
  /**
   * Standard error of serviceLevel by batch means: waits of neighbours are
   * correlated, so the binomial formula would claim far too much precision.
   */
  serviceLevelStdError: number;
  /** Mean wait of measured conversations, seconds (zero waits included). */
  asaSeconds: number;
  /** Share of measured conversations that waited at all. */
  waitedShare: number;
  maxQueue: number;
  /** Simulated time, seconds. */
  simulatedSeconds: number;
  /** Number of planAssignments calls. */
  plans: number;
}

const BATCHES = 20;

/** Standard error of the mean of per-batch service levels. */
function batchStdError(within: readonly number[], counts: readonly number[]): number {
  const levels = counts.flatMap((n, i) => (n > 0 ? [(within[i] ?? 0) / n] : []));
  if (levels.length < 2) return 0;
  const mean = levels.reduce((a, b) => a + b, 0) / levels.length;
  const variance = levels.reduce((a, b) => a + (b - mean) ** 2, 0) / (levels.length - 1);
  return Math.sqrt(variance / levels.length);
}

interface Completion {
  at: number;
  operator: RoutingOperator;
}

/**
 * Poisson arrivals, exponential handle times, `agents` operators of one team
 * with limit `limit`. Runs until every arrival has been assigned, so no
 * measured conversation is cut off by the end of the run.
 */
export function simulateQueue(config: SimulationConfig): SimulationResult {
  const warmup = config.warmupConversations ?? Math.ceil(config.conversations / 10);
  const total = warmup + config.conversations;
  // Separate streams: routing draws (random mode) must not shift arrival times.
  const random = mulberry32(config.seed);
  const routingRandom = mulberry32(config.seed ^ 0x9e3779b9);
  const policy: RoutingPolicy = {
    mode: config.mode ?? 'least_loaded',
    languageRouting: false,
    languageTimeoutMs: 0,
  };
  const policyFor = () => policy;
  const operators: RoutingOperator[] = Array.from({ length: config.agents }, (_, i) => ({
    id: `op-${String(i).padStart(5, '0')}`,
    status: 'online',
    limit: config.limit,
    open: 0,
    teamIds: [],
    languages: [],
    lastAssignedAt: null,
  }));
  const byId = new Map(operators.map((op) => [op.id, op]));
  const completions = new EventHeap<Completion>();
  const arrivalIndex = new Map<string, number>();
  let queue: QueuedConversation[] = [];
  let roundRobin: RoundRobinState = {};

  let now = 0;
  let nextArrival = exponential(random, 1 / config.arrivalsPerSecond);
  let arrived = 0;
  let assignedCount = 0;
  let measured = 0;
  let withinTarget = 0;
  let waited = 0;
  let waitSum = 0;
  let maxQueue = 0;
  const batchWithin = new Array<number>(BATCHES).fill(0);
  const batchCount = new Array<number>(BATCHES).fill(0);
  let plans = 0;
  const progressEvery = config.progressEvery ?? 50_000;

  while (assignedCount < total) {
    const next = completions.peek();
    if (arrived < total && (next === undefined || nextArrival <= next.at)) {
      now = nextArrival;
      queue.push({
        id: `c${arrived}`,
        teamId: null,
        priority: 1,
        queuedAt: now * 1000,
        language: null,
        excludedOperatorId: null,
      });
      arrivalIndex.set(`c${arrived}`, arrived);
      arrived += 1;
      nextArrival = now + exponential(random, 1 / config.arrivalsPerSecond);
      if (queue.length > maxQueue) maxQueue = queue.length;
    } else if (next !== undefined) {
      completions.pop();
      now = next.at;
      next.operator.open -= 1;
    } else {
      throw new Error('simulation stalled: nothing queued can be served');
    }

    const plan = planAssignments({
      queue,
      operators,
      policyFor,
      ctx: { now: now * 1000, random: routingRandom },
      roundRobin,
    });
    plans += 1;
    roundRobin = plan.roundRobin;
    if (plan.assignments.length === 0) continue;

    const taken = new Set<string>();
    for (const { conversationId, operatorId } of plan.assignments) {
      const op = byId.get(operatorId);
      const conv = queue.find((c) => c.id === conversationId);
      if (op === undefined || conv === undefined) throw new Error('plan left the simulation');
      op.open += 1;
      op.lastAssignedAt = now * 1000;
      completions.push({ at: now + exponential(random, config.ahtSeconds), operator: op });
      taken.add(conversationId);
      assignedCount += 1;
      const index = arrivalIndex.get(conversationId) ?? 0;
      arrivalIndex.delete(conversationId);
      if (index < warmup) continue;
      const waitSeconds = now - conv.queuedAt / 1000;
      measured += 1;
      waitSum += waitSeconds;
      if (waitSeconds > 0) waited += 1;
      const batch = Math.floor(((index - warmup) * BATCHES) / config.conversations);
      batchCount[batch] = (batchCount[batch] ?? 0) + 1;
      if (waitSeconds <= config.targetSeconds) {
        withinTarget += 1;
        batchWithin[batch] = (batchWithin[batch] ?? 0) + 1;
      }
      if (config.onProgress && measured % progressEvery === 0) {
        config.onProgress(measured, config.conversations);
      }
    }
    queue = queue.filter((c) => !taken.has(c.id));
  }

  return {
    conversations: measured,
    serviceLevel: measured === 0 ? 1 : withinTarget / measured,
    serviceLevelStdError: batchStdError(batchWithin, batchCount),
    asaSeconds: measured === 0 ? 0 : waitSum / measured,
    waitedShare: measured === 0 ? 0 : waited / measured,
    maxQueue,
    simulatedSeconds: now,
    plans,
  };
}
