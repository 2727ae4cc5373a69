// Small factories so each routing test states only what matters to it.
import type {
  QueuedConversation,
  RoutingContext,
  RoutingOperator,
  RoutingPolicy,
} from '../../../src/domain/routing/index.js';

export function operator(id: string, over: Partial<RoutingOperator> = {}): RoutingOperator {
  return {
    id,
    status: 'online',
    limit: 5,
    open: 0,
    teamIds: [],
    languages: [],
    lastAssignedAt: null,
    ...over,
  };
}

export function conversation(
  id: string,
  over: Partial<QueuedConversation> = {},
): QueuedConversation {
  return {
    id,
    teamId: null,
    priority: 1,
    queuedAt: 0,
    language: null,
    excludedOperatorId: null,
    ...over,
  };
}

export function policy(over: Partial<RoutingPolicy> = {}): RoutingPolicy {
  return { mode: 'least_loaded', languageRouting: false, languageTimeoutMs: 60_000, ...over };
}

/** mulberry32, inlined so routing tests do not depend on the simulation module. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function context(now = 0, random: () => number = seeded(1)): RoutingContext {
  return { now, random };
}
