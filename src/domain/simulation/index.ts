export { EventHeap, type TimedEvent } from './event-heap.js';
export { exponential, mulberry32 } from './prng.js';
export { replayPeriod } from './replay.js';
export { percentile } from './replay-figures.js';
export type * from './replay-types.js';
export { type SimulationConfig, type SimulationResult, simulateQueue } from './simulate.js';
