// When a failed delivery or inbound item is tried again: exponential back-off
// with jitter (so a provider coming back is not hit by every node at once),
// bounded, and never sooner than the provider asked (Telegram's retry_after,
// HTTP Retry-After).

export interface RetryPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** Longest delay between two attempts. */
  maxMs: number;
  /** After this many failed attempts the item is dead (dead-letter list). */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 5_000,
  maxMs: 60 * 60_000,
  maxAttempts: 12,
};

/** Delay before attempt `attempts + 1`, given `attempts` failures so far (≥ 1). */
export function retryDelayMs(
  policy: RetryPolicy,
  attempts: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30));
  const capped = Math.min(policy.maxMs, exponential);
  // "Equal jitter": half fixed, half random — spreads retries, keeps growth.
  const jittered = capped / 2 + (capped / 2) * random();
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

export function isExhausted(policy: RetryPolicy, attempts: number): boolean {
  return attempts >= policy.maxAttempts;
}
