// The figures both sides of a replay are shown in: service level, waits,
// abandoned, operators' occupancy, per hour. One function for the actual and
// the replayed outcome, so a difference between them is the replay's and
// never the arithmetic's. Service level follows docs/metrics.md: first
// response within the threshold passes, abandoned and unanswered fail.
import type {
  ReplayFigures,
  ReplayHour,
  ReplayOperator,
  ReplayOperatorFigures,
  ReplaySide,
} from './replay-types.js';

const HOUR = 3_600_000;

/** How one conversation went, on either side. */
export interface Outcome {
  queuedAt: number;
  waitMs: number | null;
  firstResponseMs: number | null;
  abandoned: boolean;
  operatorId: string | null;
  /** Slot time the operator spent on it (assignment → close). */
  busyMs: number;
  /** Its wait enters the wait figures (not for conversations passed to another team). */
  countWait: boolean;
}

/** Nearest-rank percentile of unsorted values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function figuresOf(outcomes: readonly Outcome[], slaMs: number): ReplayFigures {
  let within = 0;
  let abandoned = 0;
  const waits: number[] = [];
  for (const o of outcomes) {
    if (o.abandoned) abandoned += 1;
    else if (o.firstResponseMs !== null && o.firstResponseMs <= slaMs) within += 1;
    if (o.waitMs !== null && o.countWait) waits.push(o.waitMs);
  }
  const waitSum = waits.reduce((a, b) => a + b, 0);
  const p90 = percentile(waits, 0.9);
  return {
    conversations: outcomes.length,
    serviceLevel: outcomes.length === 0 ? null : within / outcomes.length,
    avgWaitS: waits.length === 0 ? null : waitSum / waits.length / 1000,
    p90WaitS: p90 === null ? null : p90 / 1000,
    abandoned,
  };
}

/** Online ms of an interval list within [from, to). */
export function onlineWithin(
  online: readonly (readonly [number, number])[],
  from: number,
  to: number,
): number {
  let ms = 0;
  for (const [a, b] of online) ms += Math.max(0, Math.min(b, to) - Math.max(a, from));
  return ms;
}

export interface SideOperator extends ReplayOperator {
  virtual?: boolean;
}

export function sideOf(
  outcomes: readonly Outcome[],
  operators: readonly SideOperator[],
  period: { from: number; to: number },
  slaMs: number,
): ReplaySide {
  const busy = new Map<string, { ms: number; handled: number }>();
  for (const o of outcomes) {
    if (o.operatorId === null) continue;
    const b = busy.get(o.operatorId) ?? { ms: 0, handled: 0 };
    b.ms += o.busyMs;
    b.handled += 1;
    busy.set(o.operatorId, b);
  }
  const ops: ReplayOperatorFigures[] = operators.map((op) => {
    const onlineMs = onlineWithin(op.online, period.from, period.to);
    const b = busy.get(op.id) ?? { ms: 0, handled: 0 };
    return {
      id: op.id,
      name: op.name,
      virtual: op.virtual === true,
      onlineHours: onlineMs / HOUR,
      handled: b.handled,
      occupancy: onlineMs === 0 ? null : Math.min(1, b.ms / (op.limit * onlineMs)),
    };
  });
  const hourCount = Math.max(0, Math.ceil((period.to - period.from) / HOUR));
  const byHour: Outcome[][] = Array.from({ length: hourCount }, () => []);
  for (const o of outcomes) {
    const h = Math.floor((o.queuedAt - period.from) / HOUR);
    if (h >= 0 && h < hourCount) byHour[h]!.push(o);
  }
  const hours: ReplayHour[] = byHour.map((list, h) => {
    const start = period.from + h * HOUR;
    let online = 0;
    for (const op of operators) online += onlineWithin(op.online, start, start + HOUR);
    return { start, operatorsOnline: online / HOUR, ...figuresOf(list, slaMs) };
  });
  return { totals: figuresOf(outcomes, slaMs), operators: ops, hours };
}

/** What actually happened to the period's conversations. */
export function actualOutcomes(
  conversations: readonly {
    queuedAt: number;
    handleMs: number | null;
    transferred?: boolean;
    actual: {
      waitMs: number | null;
      firstResponseMs: number | null;
      abandoned: boolean;
      operatorId: string | null;
    };
  }[],
): Outcome[] {
  return conversations.map((c) => ({
    queuedAt: c.queuedAt,
    waitMs: c.actual.waitMs,
    firstResponseMs: c.actual.firstResponseMs,
    abandoned: c.actual.abandoned,
    operatorId: c.actual.operatorId,
    busyMs: c.handleMs ?? 0,
    countWait: c.transferred !== true,
  }));
}
