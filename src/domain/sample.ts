// Uniform random samples for manual review. Pure: the random source is a
// parameter, so a test or a simulation can seed it.

/**
 * `size` distinct items chosen uniformly at random (all of them, shuffled,
 * when there are fewer) — a partial Fisher–Yates shuffle, so every subset of
 * that size is equally likely. `random` returns numbers in [0, 1).
 */
export function sampleUniform<T>(items: readonly T[], size: number, random: () => number): T[] {
  const pool = [...items];
  const n = Math.min(Math.max(0, Math.floor(size)), pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}
