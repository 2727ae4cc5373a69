// What-if replay (issue 18): a past period's real arrivals, each with the
// handling it really needed, played again through the real routing code
// (planAssignments, as src/actions/routing/assign-queued.ts calls it) with
// other settings — and the same settings, which must give back what happened.
//
// What a conversation carries over from history: when it entered the queue,
// its channel, team and language, how long the operator took to write after
// the assignment, how long it held the slot, and — for a client who gave up —
// how long they were prepared to wait. What the replay decides: who takes it
// and when, so the wait, the first response (wait + the same writing time)
// and whether the client gave up first. Operators come online and go as the
// presence history says, finishing what they hold when they leave.
//
// `manual` teams have no router to replay: operators pick conversations up
// themselves, so the replay lets the least-loaded free operator take one.
import { hasRoom, languageExpiresAt, planAssignments } from '../routing/index.js';
import type {
  QueuedConversation,
  RoundRobinState,
  RoutingOperator,
  RoutingPolicy,
} from '../routing/types.js';
import { EventHeap } from './event-heap.js';
import { mulberry32 } from './prng.js';
import { actualOutcomes, type Outcome, type SideOperator, sideOf } from './replay-figures.js';
import { staffOperators } from './replay-staffing.js';
import type {
  ReplayConversation,
  ReplayInput,
  ReplayResult,
  ReplaySettings,
} from './replay-types.js';

/** Used only when the period has no handled conversation to measure from. */
const FALLBACK_HANDLE_MS = 300_000;
const FALLBACK_REPLY_MS = 30_000;

interface Pending {
  at: number;
  kind: 'free' | 'leave' | 'wake';
  operator?: RoutingOperator;
  conv?: ReplayConversation;
}

interface PresenceChange {
  at: number;
  operator: RoutingOperator;
  online: boolean;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function replayPolicy(policy: RoutingPolicy, mode: ReplaySettings['mode']): RoutingPolicy {
  const chosen = mode ?? policy.mode;
  return { ...policy, mode: chosen === 'manual' ? 'least_loaded' : chosen };
}

export function replayPeriod(input: ReplayInput, settings: ReplaySettings = {}): ReplayResult {
  const slaMs = (settings.slaSeconds ?? input.slaSeconds) * 1000;
  const period = { from: input.from, to: input.to };
  const staffed: SideOperator[] = staffOperators(input, settings);
  const policies = new Map(input.teams.map((t) => [t.id, replayPolicy(t, settings.mode)]));
  const accountPolicy = replayPolicy(input.accountPolicy, settings.mode);
  const policyFor = (teamId: string | null) =>
    (teamId === null ? undefined : policies.get(teamId)) ?? accountPolicy;
  const defaultHandle =
    median(input.conversations.flatMap((c) => (c.handleMs === null ? [] : [c.handleMs]))) ??
    FALLBACK_HANDLE_MS;
  const defaultReply =
    median(input.conversations.flatMap((c) => (c.replyAfterMs === null ? [] : [c.replyAfterMs]))) ??
    FALLBACK_REPLY_MS;
  const priorities = settings.channelPriorities ?? {};

  const operators: RoutingOperator[] = staffed.map((op) => ({
    id: op.id,
    status: 'offline',
    limit: op.limit,
    open: 0,
    teamIds: op.teamIds,
    languages: op.languages,
    lastAssignedAt: null,
  }));
  const byId = new Map(operators.map((o) => [o.id, o]));
  const presence: PresenceChange[] = [];
  staffed.forEach((op, i) => {
    for (const [a, b] of op.online) {
      presence.push({ at: a, operator: operators[i]!, online: true });
      presence.push({ at: b, operator: operators[i]!, online: false });
    }
  });
  // At one instant, leaving before arriving: a shift change never doubles a seat.
  presence.sort((x, y) => x.at - y.at || Number(x.online) - Number(y.online));
  const arrivals = [...input.conversations].sort(
    (a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1),
  );

  const pending = new EventHeap<Pending>();
  const queue = new Map<string, { q: QueuedConversation; c: ReplayConversation }>();
  const outcomes = new Map<string, Outcome>();
  const random = mulberry32(input.seed);
  let roundRobin: RoundRobinState = {};
  let plans = 0;
  let wakeAt: number | null = null;
  let p = 0;
  let a = 0;

  const assign = (c: ReplayConversation, op: RoutingOperator, now: number) => {
    const waitMs = now - c.queuedAt;
    const known = c.handleMs !== null;
    const reply = known ? c.replyAfterMs : defaultReply;
    const handle = known ? c.handleMs! : defaultHandle;
    const gaveUp = c.patienceMs !== null && (reply === null || waitMs + reply > c.patienceMs);
    // A client who gives up closes the conversation then; the slot is free again.
    const busyMs = gaveUp ? Math.max(0, c.queuedAt + c.patienceMs! - now) : handle;
    outcomes.set(c.id, {
      queuedAt: c.queuedAt,
      waitMs,
      firstResponseMs: gaveUp || reply === null ? null : waitMs + reply,
      abandoned: gaveUp,
      operatorId: op.id,
      busyMs,
      countWait: c.transferred !== true,
    });
    pending.push({ at: now + busyMs, kind: 'free', operator: op });
  };

  const route = (now: number) => {
    if (queue.size === 0) return;
    plans += 1;
    const plan = planAssignments({
      queue: [...queue.values()].map((e) => e.q),
      operators,
      policyFor,
      ctx: { now, random },
      roundRobin,
    });
    roundRobin = plan.roundRobin;
    for (const { conversationId, operatorId } of plan.assignments) {
      const entry = queue.get(conversationId)!;
      const op = byId.get(operatorId)!;
      queue.delete(conversationId);
      op.open += 1;
      op.lastAssignedAt = now;
      assign(entry.c, op, now);
    }
    // A conversation waiting for its language may go to anyone later: wake then.
    for (const { q } of queue.values()) {
      const at = languageExpiresAt(q, policyFor(q.teamId), now);
      if (at !== null && (wakeAt === null || at < wakeAt) && at > now) {
        wakeAt = at;
        pending.push({ at, kind: 'wake' });
      }
    }
  };

  for (;;) {
    const nextPresence = presence[p]?.at ?? Number.POSITIVE_INFINITY;
    const nextArrival = arrivals[a]?.queuedAt ?? Number.POSITIVE_INFINITY;
    const nextPending = pending.peek()?.at ?? Number.POSITIVE_INFINITY;
    const now = Math.min(nextPresence, nextArrival, nextPending);
    if (now === Number.POSITIVE_INFINITY) break;
    if (nextPending === now) {
      const e = pending.pop()!;
      if (e.kind === 'free') e.operator!.open -= 1;
      else if (e.kind === 'leave') {
        const entry = queue.get(e.conv!.id);
        if (entry === undefined) continue;
        queue.delete(e.conv!.id);
        outcomes.set(e.conv!.id, {
          queuedAt: e.conv!.queuedAt,
          waitMs: null,
          firstResponseMs: null,
          abandoned: true,
          operatorId: null,
          busyMs: 0,
          countWait: true,
        });
        continue;
      } else if (wakeAt === now) wakeAt = null;
    } else if (nextPresence === now) {
      const change = presence[p]!;
      p += 1;
      change.operator.status = change.online ? 'online' : 'offline';
      if (!change.online) continue;
    } else {
      const c = arrivals[a]!;
      a += 1;
      queue.set(c.id, {
        c,
        q: {
          id: c.id,
          teamId: c.teamId,
          priority: priorities[c.channelId] ?? c.priority,
          queuedAt: c.queuedAt,
          language: c.language,
          excludedOperatorId: null,
        },
      });
      if (c.patienceMs !== null)
        pending.push({ at: c.queuedAt + c.patienceMs, kind: 'leave', conv: c });
      if (!operators.some(hasRoom)) continue;
    }
    route(now);
  }
  // Never served and never given up on: unanswered, a failure like in the report.
  for (const { c } of queue.values())
    outcomes.set(c.id, {
      queuedAt: c.queuedAt,
      waitMs: null,
      firstResponseMs: null,
      abandoned: false,
      operatorId: null,
      busyMs: 0,
      countWait: true,
    });

  const replayed = input.conversations.map((c) => outcomes.get(c.id)!);
  return {
    actual: sideOf(actualOutcomes(input.conversations), input.operators, period, slaMs),
    replay: sideOf(replayed, staffed, period, slaMs),
    plans,
  };
}
