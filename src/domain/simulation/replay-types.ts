// The what-if replay's plain data (issue 18 § Routing what-if replay): a past
// period's real arrivals and handling times, the operators and when they were
// online, and the settings to try instead. Times are ms epoch.
import type { DistributionMode, RoutingPolicy, RoutingTeam } from '../routing/index.js';

/** One conversation of the period, as it arrived and as it went. */
export interface ReplayConversation {
  id: string;
  /** Entered the queue. */
  queuedAt: number;
  channelId: string;
  /** Its channel's priority then (1 is served first). */
  priority: number;
  teamId: string | null;
  language: string | null;
  /** Assignment → close, as it happened; null: it was never assigned. */
  handleMs: number | null;
  /** Assignment → first operator message; null: no operator ever wrote. */
  replyAfterMs: number | null;
  /** Queue → the client closed it unanswered; null: the client waited for the answer. */
  patienceMs: number | null;
  /**
   * Passed to another team: its recorded wait runs to the last assignment
   * (docs/metrics.md), the replay's to the first, so neither side counts its wait.
   */
  transferred?: boolean;
  /** What actually happened, for the side-by-side. */
  actual: {
    waitMs: number | null;
    firstResponseMs: number | null;
    abandoned: boolean;
    operatorId: string | null;
  };
}

export interface ReplayOperator {
  id: string;
  name: string;
  limit: number;
  teamIds: readonly string[];
  languages: readonly string[];
  /** Online intervals [from, to) within the period, in time order, not overlapping. */
  online: readonly (readonly [number, number])[];
}

export interface ReplayInput {
  from: number;
  to: number;
  conversations: readonly ReplayConversation[];
  operators: readonly ReplayOperator[];
  teams: readonly RoutingTeam[];
  /** The account's policy, for conversations without a team. */
  accountPolicy: RoutingPolicy;
  /** The service-level threshold in force (first response within it passes). */
  slaSeconds: number;
  /** Local time = UTC + this (the account's zone at the period), for hours of the day. */
  utcOffsetMinutes: number;
  /** Seeds the random distribution mode. */
  seed: number;
}

/** What the supervisor changes; anything absent stays as it was. */
export interface ReplaySettings {
  mode?: DistributionMode;
  /** Operator id → limit. */
  limits?: Readonly<Record<string, number>>;
  /** Operators online in each local hour of the day (24 entries; null keeps the real number). */
  operatorsPerHour?: readonly (number | null)[];
  /** Channel id → priority. */
  channelPriorities?: Readonly<Record<string, number>>;
  slaSeconds?: number;
}

export interface ReplayFigures {
  conversations: number;
  /** Share answered within the threshold of the decided ones (abandoned fail); null: none. */
  serviceLevel: number | null;
  /** Queue → assignment over the assigned ones, seconds; null: none assigned. */
  avgWaitS: number | null;
  p90WaitS: number | null;
  abandoned: number;
}

export interface ReplayOperatorFigures {
  id: string;
  name: string;
  /** Added by the replay to reach operatorsPerHour. */
  virtual: boolean;
  onlineHours: number;
  handled: number;
  /** Busy slot time ÷ (limit × online time); null when never online. */
  occupancy: number | null;
}

export interface ReplayHour extends ReplayFigures {
  /** ms epoch of the hour's start. */
  start: number;
  /** Mean operators online during the hour. */
  operatorsOnline: number;
}

export interface ReplaySide {
  totals: ReplayFigures;
  operators: ReplayOperatorFigures[];
  hours: ReplayHour[];
}

export interface ReplayResult {
  actual: ReplaySide;
  replay: ReplaySide;
  /** Planner calls made: the replay's cost. */
  plans: number;
}
