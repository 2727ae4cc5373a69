// Staffing forecast (issue 6): operators needed per hour of the week for a
// service-level target, from measured demand and the chats an operator
// handles at once.
//
// Multi-chat adjustment — why "slots", not "faster agents":
// Erlang C counts servers that each hold one contact. An operator with
// concurrency c holds c chats at once, and our router (src/domain/routing)
// fills any free slot the moment a chat waits, so the queue behaves like
// c × operators independent single-chat servers: an M/M/(c·N) queue. We
// therefore size chat *slots* with Erlang C on the chat traffic
// (arrivals × AHT) and divide by c: operators = ceil(slots / c), checking that
// floor(operators × c) slots still meet the target when c is fractional.
// The discrete-event simulation confirms the slot model against the real
// router within 1.5 points (docs/routing.md). The alternative — one agent
// serving c times faster, AHT / c — gives the same capacity but fewer servers,
// so it overstates waits and overstaffs a multi-chat team.
// The slot model assumes a chat takes as long at concurrency c as alone. It
// does not: operators switch between chats. So `ahtSeconds` must be the
// handle time *measured while working at that concurrency* (assignment to
// close, which our statistics record), not a single-chat figure; with that
// input the slowdown is already priced in.
import {
  averageSpeedOfAnswer,
  occupancy,
  requiredAgents,
  serviceLevel,
  trafficErlangs,
} from './erlang-c.js';

export const HOURS_PER_WEEK = 168;

/** Measured demand in one hour of the week. */
export interface HourDemand {
  arrivalsPerHour: number;
  /** Mean handle time of a chat at the planned concurrency, seconds. */
  ahtSeconds: number;
}

export interface StaffingTarget {
  /** e.g. 0.8 for 80 % … */
  serviceLevel: number;
  /** … answered within this many seconds, e.g. 20. */
  targetSeconds: number;
  /** Optional cap on slot occupancy, e.g. 0.85. */
  maxOccupancy?: number;
}

export interface StaffingInput {
  /** 168 cells; index = day × 24 + hour, day 0 = Monday, in the account's time zone. */
  demand: readonly HourDemand[];
  /** Chats an operator handles at once on average (≥ 1; may be fractional, e.g. 2.5). */
  concurrency: number;
  target: StaffingTarget;
}

export interface StaffingCell {
  hourOfWeek: number;
  /** 0 = Monday … 6 = Sunday. */
  day: number;
  hour: number;
  // Inputs, repeated so a heat-map tooltip can show them.
  arrivalsPerHour: number;
  ahtSeconds: number;
  concurrency: number;
  // Outputs.
  /** Chats in progress on average (Erlangs of chat traffic). */
  trafficErlangs: number;
  /** Single-chat servers Erlang C asks for. */
  chatSlots: number;
  /** Recommended operators online. */
  operators: number;
  /** Expected service level with `operators` (≥ target unless demand is zero). */
  serviceLevel: number;
  asaSeconds: number;
  /** Share of the operators' slots in use. */
  occupancy: number;
}

export interface StaffingPlan {
  cells: StaffingCell[];
  peakOperators: number;
  /** Σ operators over the week: the operator-hours to schedule. */
  operatorHours: number;
}

/** Slots that `operators` people provide; floor so a fractional concurrency never overpromises. */
export function slotsFor(operators: number, concurrency: number): number {
  // The epsilon absorbs float error such as 3 × 0.1 × 10.
  return Math.floor(operators * concurrency + 1e-9);
}

/** The fewest operators whose slots cover `slots`. */
export function operatorsFor(slots: number, concurrency: number): number {
  let operators = Math.max(0, Math.ceil(slots / concurrency - 1e-9));
  while (slotsFor(operators, concurrency) < slots) operators += 1;
  return operators;
}

function validate(demand: HourDemand, concurrency: number): void {
  if (!(Number.isFinite(concurrency) && concurrency >= 1)) {
    throw new RangeError(`concurrency must be at least 1, got ${concurrency}`);
  }
  if (!(demand.arrivalsPerHour >= 0 && Number.isFinite(demand.arrivalsPerHour))) {
    throw new RangeError(`arrivalsPerHour must be non-negative, got ${demand.arrivalsPerHour}`);
  }
  if (!(demand.ahtSeconds > 0 && Number.isFinite(demand.ahtSeconds))) {
    throw new RangeError(`ahtSeconds must be positive, got ${demand.ahtSeconds}`);
  }
}

/** One hour: Erlang C over chat slots, then slots → operators (see the file comment). */
export function staffHour(
  demand: HourDemand,
  concurrency: number,
  target: StaffingTarget,
  hourOfWeek = 0,
): StaffingCell {
  validate(demand, concurrency);
  const traffic = trafficErlangs(demand.arrivalsPerHour, 3600, demand.ahtSeconds);
  const chatSlots = requiredAgents({
    traffic,
    ahtSeconds: demand.ahtSeconds,
    targetSeconds: target.targetSeconds,
    serviceLevelTarget: target.serviceLevel,
    ...(target.maxOccupancy === undefined ? {} : { maxOccupancy: target.maxOccupancy }),
  });
  const operators = operatorsFor(chatSlots, concurrency);
  const slots = slotsFor(operators, concurrency);
  return {
    hourOfWeek,
    day: Math.floor(hourOfWeek / 24),
    hour: hourOfWeek % 24,
    arrivalsPerHour: demand.arrivalsPerHour,
    ahtSeconds: demand.ahtSeconds,
    concurrency,
    trafficErlangs: traffic,
    chatSlots,
    operators,
    serviceLevel: serviceLevel(slots, traffic, demand.ahtSeconds, target.targetSeconds),
    asaSeconds: averageSpeedOfAnswer(slots, traffic, demand.ahtSeconds),
    occupancy: occupancy(slots, traffic),
  };
}

/** The week heat-map: one recommendation per hour, inputs included. */
export function recommendStaffing(input: StaffingInput): StaffingPlan {
  if (input.demand.length !== HOURS_PER_WEEK) {
    throw new RangeError(
      `demand must have ${HOURS_PER_WEEK} hourly cells, got ${input.demand.length}`,
    );
  }
  const cells = input.demand.map((d, i) => staffHour(d, input.concurrency, input.target, i));
  return {
    cells,
    peakOperators: cells.reduce((max, c) => Math.max(max, c.operators), 0),
    operatorHours: cells.reduce((sum, c) => sum + c.operators, 0),
  };
}
