// Seeded randomness for the simulation and for tests: the domain never calls
// Math.random, so a run is reproducible from its seed.

/** mulberry32: a tiny 32-bit PRNG, uniform in [0, 1); plenty for queueing simulations. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exponential draw with the given mean (inverse transform; 1 − u avoids log(0)). */
export function exponential(random: () => number, mean: number): number {
  return -mean * Math.log(1 - random());
}
