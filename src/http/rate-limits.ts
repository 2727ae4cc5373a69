// Request budgets. Routes' per-minute budgets go through @fastify/rate-limit
// (`perMinute`), counted in each node's memory. Log-in is counted here, by
// two counters, because its two threats differ (issue 16):
// - per address, every attempt: a whole office behind one NAT logs in at the
//   start of a shift (300 people in a minute fit the default of 600), while
//   one address cannot make the server run argon2 without end;
// - per e-mail, failures only, over a longer window: guessing one account's
//   password from many addresses stays at a few tries per quarter hour. Its
//   owner's correct password is refused too while the budget is spent (else
//   the budget would tell a right guess from a wrong one); the window ends it.
// Forgot-password requests are counted the same way, so nobody can flood an
// inbox. With REDIS_URL every node counts in Redis, so N nodes give one budget,
// not N; when Redis cannot answer, the node counts in its own memory.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RateLimits } from '../config.js';
import { hashToken } from '../tokens.js';

const MINUTE_MS = 60_000;

/**
 * Sliding-window counts: the current fixed window's count plus the previous
 * window's, weighted by how much of it the sliding window still covers (the
 * usual approximation). Plain fixed windows let twice a budget through
 * around a boundary; this does not. Time is a parameter.
 */
export interface WindowCounter {
  /** Counts one for `key`; returns its count over the last `windowMs`. */
  add(key: string, windowMs: number, now: number): Promise<number>;
  /** The key's count over the last `windowMs`. */
  read(key: string, windowMs: number, now: number): Promise<number>;
  close(): Promise<void>;
}

const windowIndex = (windowMs: number, now: number) => Math.floor(now / windowMs);
/** What the sliding window makes of a current and a previous fixed window. */
const slide = (current: number, previous: number, windowMs: number, now: number) =>
  current + previous * (1 - (now % windowMs) / windowMs);

export function createMemoryCounter(): WindowCounter {
  const counts = new Map<string, number>();
  const slot = (key: string, windowMs: number, index: number) => `${key}|${windowMs}|${index}`;
  let sweptAt = 0;
  const sweep = (now: number) => {
    // Windows before the previous one are never read again; drop them now and then.
    if (now - sweptAt < MINUTE_MS) return;
    sweptAt = now;
    for (const k of counts.keys()) {
      const [, w, index] = k.split('|');
      if (Number(index) < windowIndex(Number(w), now) - 1) counts.delete(k);
    }
  };
  const estimate = (key: string, windowMs: number, now: number) => {
    const index = windowIndex(windowMs, now);
    return slide(
      counts.get(slot(key, windowMs, index)) ?? 0,
      counts.get(slot(key, windowMs, index - 1)) ?? 0,
      windowMs,
      now,
    );
  };
  return {
    async add(key, windowMs, now) {
      sweep(now);
      const k = slot(key, windowMs, windowIndex(windowMs, now));
      counts.set(k, (counts.get(k) ?? 0) + 1);
      return estimate(key, windowMs, now);
    },
    async read(key, windowMs, now) {
      return estimate(key, windowMs, now);
    },
    async close() {},
  };
}

/** Counts in Redis (INCR, expiring after two windows); falls back to `fallback` while Redis is away. */
export function createRedisCounter(
  url: string,
  prefix: string,
  fallback: WindowCounter,
  logger?: Pick<Logger, 'warn'>,
): WindowCounter {
  // Commands wait for the connection (at start, after a drop) but not long:
  // past commandTimeout the node counts locally rather than hold up a log-in.
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  });
  redis.on('error', () => {});
  void redis.connect().catch(() => {});
  const slot = (key: string, windowMs: number, index: number) =>
    `${prefix}:limits:${key}:${windowMs}:${index}`;
  let warned = false;
  const degrade = (error: unknown) => {
    if (!warned) logger?.warn({ err: error }, 'rate limits: Redis unavailable, counting locally');
    warned = true;
  };
  return {
    async add(key, windowMs, now) {
      const index = windowIndex(windowMs, now);
      const current = slot(key, windowMs, index);
      try {
        const result = await redis
          .multi()
          .incr(current)
          .pexpire(current, 2 * windowMs)
          .get(slot(key, windowMs, index - 1))
          .exec();
        warned = false;
        return slide(Number(result?.[0]?.[1] ?? 1), Number(result?.[2]?.[1] ?? 0), windowMs, now);
      } catch (error) {
        degrade(error);
        return fallback.add(key, windowMs, now);
      }
    },
    async read(key, windowMs, now) {
      const index = windowIndex(windowMs, now);
      try {
        const [current, previous] = await redis.mget(
          slot(key, windowMs, index),
          slot(key, windowMs, index - 1),
        );
        return slide(Number(current ?? 0), Number(previous ?? 0), windowMs, now);
      } catch (error) {
        degrade(error);
        return fallback.read(key, windowMs, now);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}

export interface LoginLimits {
  /** Before a password is checked: false when the address or the e-mail is over budget. */
  admit(email: string, address: string, now: number): Promise<boolean>;
  /** A wrong password or an unknown e-mail. */
  failed(email: string, now: number): Promise<void>;
  /** A forgot-password request: false when over budget. */
  reset(email: string, address: string, now: number): Promise<boolean>;
  close(): Promise<void>;
}

// E-mails are keyed by their hash: the counters never hold who tried.
const emailKey = (kind: string, email: string) =>
  `${kind}:e:${hashToken(email.trim().toLowerCase())}`;

export function createLoginLimits(limits: RateLimits, counter: WindowCounter): LoginLimits {
  const over = (count: number, max: number) => max !== 0 && count > max;
  return {
    async admit(email, address, now) {
      if (
        limits.loginAttemptsPerAddress !== 0 &&
        over(
          await counter.add(`login:a:${address}`, MINUTE_MS, now),
          limits.loginAttemptsPerAddress,
        )
      )
        return false;
      if (limits.loginFailuresPerEmail === 0) return true;
      const failures = await counter.read(emailKey('login', email), limits.loginEmailWindowMs, now);
      return failures < limits.loginFailuresPerEmail;
    },
    async failed(email, now) {
      if (limits.loginFailuresPerEmail !== 0)
        await counter.add(emailKey('login', email), limits.loginEmailWindowMs, now);
    },
    async reset(email, address, now) {
      if (
        limits.passwordResetsPerAddress !== 0 &&
        over(
          await counter.add(`reset:a:${address}`, MINUTE_MS, now),
          limits.passwordResetsPerAddress,
        )
      )
        return false;
      return (
        limits.passwordResetsPerEmail === 0 ||
        !over(
          await counter.add(emailKey('reset', email), limits.loginEmailWindowMs, now),
          limits.passwordResetsPerEmail,
        )
      );
    },
    close: () => counter.close(),
  };
}

/** A route's @fastify/rate-limit setting: `max` per minute, 0 = no limit. */
export function perMinute(max: number, extra: Record<string, unknown> = {}) {
  return max === 0 ? false : { max, timeWindow: '1 minute', ...extra };
}
