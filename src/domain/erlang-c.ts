// Erlang C: the M/M/N queue — Poisson arrivals, exponential handle times, N
// identical agents, nobody abandons. The textbook model for staffing a queue;
// the routing simulation (src/domain/simulation) checks our router against it.

function assertAgents(agents: number): void {
  if (!Number.isInteger(agents) || agents < 0) {
    throw new RangeError(`agents must be a non-negative integer, got ${agents}`);
  }
}

function assertTraffic(traffic: number): void {
  if (!Number.isFinite(traffic) || traffic < 0) {
    throw new RangeError(`traffic must be a finite non-negative number, got ${traffic}`);
  }
}

/** Offered load in Erlangs: how many agents would be busy on average. */
export function trafficErlangs(
  arrivalsPerInterval: number,
  intervalSeconds: number,
  ahtSeconds: number,
): number {
  if (intervalSeconds <= 0) throw new RangeError('intervalSeconds must be positive');
  return (arrivalsPerInterval * ahtSeconds) / intervalSeconds;
}

/** One step of the Erlang B recursion B(n) = A·B(n−1) / (n + A·B(n−1)), B(0) = 1. */
function erlangBStep(previous: number, n: number, traffic: number): number {
  return (traffic * previous) / (n + traffic * previous);
}

/**
 * Erlang B blocking probability. Computed by the recursion rather than
 * Aⁿ/n! ÷ Σ, which overflows past ~170 agents; every step stays in [0, 1].
 */
export function erlangB(agents: number, traffic: number): number {
  assertAgents(agents);
  assertTraffic(traffic);
  let b = 1;
  for (let n = 1; n <= agents; n++) b = erlangBStep(b, n, traffic);
  return b;
}

/** Erlang C from Erlang B: C = N·B / (N − A·(1 − B)); 1 when the queue is unstable (A ≥ N). */
function erlangCFromB(agents: number, traffic: number, b: number): number {
  if (traffic === 0) return 0;
  if (agents <= traffic) return 1;
  return (agents * b) / (agents - traffic * (1 - b));
}

/** P(wait > 0): the probability an arriving contact finds every agent busy. */
export function probabilityOfWaiting(agents: number, traffic: number): number {
  return erlangCFromB(agents, traffic, erlangB(agents, traffic));
}

/**
 * Share of contacts answered within `targetSeconds`:
 * SL = 1 − C · e^(−(N − A)·T / AHT). Zero when the queue is unstable.
 */
export function serviceLevel(
  agents: number,
  traffic: number,
  ahtSeconds: number,
  targetSeconds: number,
): number {
  const pw = probabilityOfWaiting(agents, traffic);
  if (pw === 0) return 1;
  if (agents <= traffic) return 0;
  return 1 - pw * Math.exp((-(agents - traffic) * targetSeconds) / ahtSeconds);
}

/** Mean wait over all contacts (answered at once count as 0): C · AHT / (N − A). */
export function averageSpeedOfAnswer(agents: number, traffic: number, ahtSeconds: number): number {
  const pw = probabilityOfWaiting(agents, traffic);
  if (pw === 0) return 0;
  if (agents <= traffic) return Number.POSITIVE_INFINITY;
  return (pw * ahtSeconds) / (agents - traffic);
}

/** Share of agent time spent handling contacts: A / N, capped at 1 (an overloaded queue). */
export function occupancy(agents: number, traffic: number): number {
  assertAgents(agents);
  assertTraffic(traffic);
  if (traffic === 0) return 0;
  if (agents === 0) return 1;
  return Math.min(1, traffic / agents);
}

export interface RequiredAgentsInput {
  traffic: number;
  ahtSeconds: number;
  targetSeconds: number;
  /** e.g. 0.8 for "80 % within targetSeconds"; must be below 1. */
  serviceLevelTarget: number;
  /** Optional cap on A / N (e.g. 0.85) so people are not planned at 100 % busy. */
  maxOccupancy?: number;
}

// A guard against a target that cannot be met numerically, not a business limit.
const MAX_AGENTS = 1_000_000;

/**
 * The fewest agents meeting the service-level target (and the occupancy cap,
 * if given). Walks N upward from the smallest stable count, extending the
 * Erlang B recursion one step at a time, so the whole search is O(N).
 */
export function requiredAgents(input: RequiredAgentsInput): number {
  const { traffic, ahtSeconds, targetSeconds, serviceLevelTarget } = input;
  assertTraffic(traffic);
  if (!(serviceLevelTarget >= 0 && serviceLevelTarget < 1)) {
    throw new RangeError('serviceLevelTarget must be in [0, 1): 100 % is never guaranteed');
  }
  const maxOccupancy = input.maxOccupancy ?? 1;
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) {
    throw new RangeError('maxOccupancy must be in (0, 1]');
  }
  if (traffic === 0) return 0;
  let b = 1;
  for (let n = 1; n <= MAX_AGENTS; n++) {
    b = erlangBStep(b, n, traffic);
    if (n <= traffic || traffic / n > maxOccupancy) continue;
    const pw = erlangCFromB(n, traffic, b);
    const sl = 1 - pw * Math.exp((-(n - traffic) * targetSeconds) / ahtSeconds);
    if (sl >= serviceLevelTarget) return n;
  }
  throw new RangeError('no agent count up to 1,000,000 meets the target');
}
