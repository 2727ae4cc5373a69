// Shapes of POST /replay, from the contract (src/contract/replay.ts, docs/replay.md).
import type { ReplayAnswer, ReplaySettingsBody } from '../../../src/contract/replay';

export type Replay = ReplayAnswer;
export type ReplaySettings = ReplaySettingsBody;
export type DistributionMode = ReplayAnswer['baseline']['mode'];
export type ReplaySide = ReplayAnswer['actual'];
export type ReplayFigures = ReplaySide['totals'];
export type ReplayOperatorFigures = ReplaySide['operators'][number];
export type ReplayHour = ReplaySide['hours'][number];
