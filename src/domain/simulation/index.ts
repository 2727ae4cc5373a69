export { EventHeap, type TimedEvent } from './event-heap.js';
export { exponential, mulberry32 } from './prng.js';
export { type SimulationConfig, type SimulationResult, simulateQueue } from './simulate.js';
