// Who is online in a replay: the real operators at their real times, with the
// limits the supervisor set, and — where a number of operators per hour is
// asked — the hour trimmed to that many (those who were online longest in it
// stay) or topped up with stand-ins who belong to every team, speak every
// language and have the operators' usual limit.
import { onlineWithin, type SideOperator } from './replay-figures.js';
import type { ReplayInput, ReplaySettings } from './replay-types.js';

const HOUR = 3_600_000;
type Interval = readonly [number, number];

/** `intervals` without [from, to). */
export function cut(intervals: readonly Interval[], from: number, to: number): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of intervals) {
    if (b <= from || a >= to) out.push([a, b]);
    else {
      if (a < from) out.push([a, from]);
      if (b > to) out.push([to, b]);
    }
  }
  return out;
}

/** Appends [from, to), merging with a last interval that ends where it starts. */
function append(intervals: Interval[], from: number, to: number): void {
  const last = intervals[intervals.length - 1];
  if (last && last[1] === from) intervals[intervals.length - 1] = [last[0], to];
  else intervals.push([from, to]);
}

function usualLimit(limits: number[]): number {
  if (limits.length === 0) return 3;
  const sorted = [...limits].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function staffOperators(input: ReplayInput, settings: ReplaySettings): SideOperator[] {
  const limits = settings.limits ?? {};
  const staffed: SideOperator[] = input.operators.map((op) => ({
    ...op,
    limit: limits[op.id] ?? op.limit,
    online: [...op.online],
  }));
  const perHour = settings.operatorsPerHour;
  if (!perHour || perHour.every((n) => n === null || n === undefined)) return staffed;

  const teamIds = input.teams.map((t) => t.id);
  const languages = [...new Set(input.operators.flatMap((o) => o.languages))];
  const limit = usualLimit(staffed.map((o) => o.limit));
  const standIns: SideOperator[] = [];
  const offset = input.utcOffsetMinutes * 60_000;
  for (let start = input.from; start < input.to; start += HOUR) {
    const end = Math.min(start + HOUR, input.to);
    const hourOfDay = new Date(start + offset).getUTCHours();
    const wanted = perHour[hourOfDay];
    if (wanted === null || wanted === undefined) continue;
    const present = staffed
      .map((op) => ({ op, ms: onlineWithin(op.online, start, end) }))
      .filter((x) => x.ms > 0)
      .sort((x, y) => y.ms - x.ms || (x.op.id < y.op.id ? -1 : 1));
    for (const { op } of present.slice(wanted)) op.online = cut(op.online, start, end);
    for (let k = present.length; k < wanted; k += 1) {
      const index = k - present.length;
      let standIn = standIns[index];
      if (!standIn) {
        standIn = {
          id: `stand-in-${index + 1}`,
          name: `+${index + 1}`,
          limit,
          teamIds,
          languages,
          online: [],
          virtual: true,
        };
        standIns.push(standIn);
      }
      append(standIn.online as Interval[], start, end);
    }
  }
  return [...staffed, ...standIns];
}
