// Plain data the routing domain works on (DESIGN §2). Everything here is
// input to pure functions: no clock, no randomness, no I/O — `RoutingContext`
// carries the time and the random source so tests and the simulation can seed them.

export type DistributionMode = 'least_loaded' | 'random' | 'manual' | 'round_robin';

export type OperatorStatus = 'online' | 'away' | 'offline';

export interface RoutingOperator {
  id: string;
  status: OperatorStatus;
  /** Personal limit of simultaneous open conversations. */
  limit: number;
  /** Open (assigned, not closed) conversations right now. */
  open: number;
  teamIds: readonly string[];
  /** Language codes the operator speaks, e.g. `ru`, `uk`, `en` (compared case-insensitively). */
  languages: readonly string[];
  /** ms epoch of the last assignment; null = never, which counts as idle longest. */
  lastAssignedAt: number | null;
}

export interface RoutingPolicy {
  mode: DistributionMode;
  languageRouting: boolean;
  /** After waiting this long, a conversation accepts an operator of any language. */
  languageTimeoutMs: number;
}

export interface RoutingTeam extends RoutingPolicy {
  id: string;
}

export interface QueuedConversation {
  id: string;
  teamId: string | null;
  /** Channel priority: 1 is served first. */
  priority: number;
  /** ms epoch the conversation entered the queue; kept on requeue and transfer. */
  queuedAt: number;
  language: string | null;
  /** The operator who just transferred it away; never offered it back automatically. */
  excludedOperatorId: string | null;
  /** Flagged as angry or urgent (issue 17): ahead of others of its priority. Absent: not flagged. */
  flagged?: boolean;
}

export interface RoutingContext {
  /** ms epoch. */
  now: number;
  /** Uniform in [0, 1). */
  random: () => number;
}

/** Last operator chosen by round robin, per team id ('' for conversations without a team). */
export type RoundRobinState = Readonly<Record<string, string>>;

export interface Assignment {
  conversationId: string;
  operatorId: string;
}

/** Key of a team in `RoundRobinState`: conversations without a team share the '' rotation. */
export function teamKey(teamId: string | null): string {
  return teamId ?? '';
}
