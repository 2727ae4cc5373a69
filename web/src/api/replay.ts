// Shapes of POST /replay (src/http/routes/replay.ts, docs/replay.md).
export type DistributionMode = 'least_loaded' | 'random' | 'round_robin' | 'manual';

export interface ReplayFigures {
  conversations: number;
  serviceLevel: number | null;
  avgWaitS: number | null;
  p90WaitS: number | null;
  abandoned: number;
}

export interface ReplayOperatorFigures {
  id: string;
  name: string;
  virtual: boolean;
  onlineHours: number;
  handled: number;
  occupancy: number | null;
}

export interface ReplayHour extends ReplayFigures {
  start: string;
  operatorsOnline: number;
}

export interface ReplaySide {
  totals: ReplayFigures;
  operators: ReplayOperatorFigures[];
  hours: ReplayHour[];
}

export interface ReplaySettings {
  mode?: DistributionMode;
  limits?: Record<string, number>;
  operatorsPerHour?: (number | null)[];
  channelPriorities?: Record<string, number>;
  slaSeconds?: number;
}

export interface Replay {
  baseline: {
    mode: DistributionMode;
    teams: { id: string; name: string; mode: DistributionMode }[];
    operators: { id: string; name: string; limit: number }[];
    channels: { id: string; name: string; priority: number }[];
    slaSeconds: number;
  };
  period: { from: string; to: string; tz: string };
  slaSeconds: number;
  actual: ReplaySide;
  replay: ReplaySide;
  unchanged: { totals: ReplayFigures };
}
