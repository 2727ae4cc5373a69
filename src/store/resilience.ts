// What a transaction does when the database fails it. A deadlock or a
// serialization failure is retried at once (lock order makes deadlocks
// impossible by construction — docs/architecture.md — so this is a counted
// safety net). A lost or unreachable database is waited for, with back-off,
// up to a bounded time; then the action fails with `database_unavailable`
// (503). A failure while the COMMIT itself was on the wire is never retried:
// the commit may have happened, so the caller gets `database_unavailable` and
// retries with its idempotency key — never a false acknowledgement, never a
// second copy.

import { AppError } from '../errors.js';
import { isStalePreparedStatement } from './statement-names.js';

let deadlockRetryCount = 0;
let databaseErrorCount = 0;
let unavailableCount = 0;

/** Transactions retried after PostgreSQL reported a deadlock (40P01) or serialization failure (40001). */
export function deadlockRetries(): number {
  return deadlockRetryCount;
}
/** Connection-level database errors seen: lost connections, refused or timed-out connects and queries. */
export function databaseErrors(): number {
  return databaseErrorCount;
}
/** Actions that gave up with `database_unavailable`. */
export function unavailableFailures(): number {
  return unavailableCount;
}
export function countDatabaseError(): void {
  databaseErrorCount += 1;
}

const RETRY_CODES = new Set(['40P01', '40001']);
/** SQLSTATEs and socket errors that mean "the database cannot be reached now". */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
  '55P03', // lock_not_available: lock_timeout, e.g. behind a partitioned node's transaction
  '25P03', // idle_in_transaction_session_timeout
  '57014', // query_canceled: statement_timeout
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'not queryable',
  'Database read timeout',
  'Query read timeout',
  'connection timeout',
  'terminating connection',
];

export type DatabaseFailure = 'retry' | 'unavailable' | null;

export function classifyDatabaseError(error: unknown): DatabaseFailure {
  if (error instanceof AppError || !(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && RETRY_CODES.has(code)) return 'retry';
  // A prepared statement outlived a migration: the connection drops it, the transaction runs again.
  if (isStalePreparedStatement(error)) return 'retry';
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return 'unavailable';
  if (UNAVAILABLE_MESSAGES.some((m) => error.message.includes(m))) return 'unavailable';
  const cause = (error as { cause?: unknown }).cause;
  return cause ? classifyDatabaseError(cause) : null;
}

export function databaseUnavailable(): AppError {
  return new AppError('database_unavailable');
}

/**
 * The queries a store's pool has on the wire. A transaction still running at
 * its deadline is given up only if the database is being waited on and has
 * gone quiet: a query unanswered for QUIET_MS and no answer to any query
 * meanwhile. A long but living transaction (a big seed, work between its
 * statements, a busy moment) is not.
 */
export interface QueryTracker {
  /** A query went out; call the result when it settles. */
  started(): () => void;
  /** How long the database has been waited on in silence, in ms (0: not waited on). */
  stalledFor(): number;
}

export function queryTracker(): QueryTracker {
  const inflight = new Map<symbol, number>();
  let lastAnswer = Date.now();
  return {
    started() {
      const token = Symbol();
      inflight.set(token, Date.now());
      return () => {
        inflight.delete(token);
        lastAnswer = Date.now();
      };
    },
    stalledFor() {
      if (inflight.size === 0) return 0;
      const now = Date.now();
      const oldest = Math.min(...inflight.values());
      return Math.min(now - oldest, now - lastAnswer);
    },
  };
}

const trackers = new WeakMap<object, QueryTracker>();
export function trackStore(db: object, tracker: QueryTracker): void {
  trackers.set(db, tracker);
}
/** See QueryTracker; 0 for a store without one (PGlite): never given up on. */
export function stalledFor(db: object): number {
  return trackers.get(db)?.stalledFor() ?? 0;
}

/** At the deadline, a database silent for less than this while waited on is alive: wait on. */
const QUIET_MS = 1_000;

const MAX_DEADLOCK_RETRIES = 5;
const MAX_LOCK_SET_RETRIES = 20;

/**
 * Thrown by an action that locked a set of rows, then found (after taking a
 * lock later in the global order) that the set grew meanwhile: locking the
 * newcomers now would break the order, so the transaction starts over and
 * locks them first. Not a deadlock; not counted as one.
 */
export class LockSetChanged extends Error {
  constructor() {
    super('The rows to lock changed meanwhile; starting the transaction over.');
  }
}

/** Runs one attempt; calls `committing()` when the work is done and COMMIT is next. */
export type TransactionAttempt<T> = (committing: () => void) => Promise<T>;

/**
 * Runs `attempt` until it succeeds, retrying deadlocks and waiting out an
 * unreachable database for at most `waitMs`. An attempt still running then is
 * given up if the database has been waited on in silence (`quiet()`, see
 * QueryTracker) — it can only end in a rollback or a commit nobody was told about.
 * Other errors pass through unchanged.
 */
export async function withDatabaseRetry<T>(
  attempt: TransactionAttempt<T>,
  waitMs: number,
  quiet: () => number = () => Number.POSITIVE_INFINITY,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  let deadlocks = 0;
  let lockSets = 0;
  let pause = 50;
  for (;;) {
    let committing = false;
    const run = attempt(() => {
      committing = true;
    });
    try {
      return await beforeDeadline(run, deadline, quiet);
    } catch (error) {
      if (error === DEADLINE) {
        unavailableCount += 1;
        throw databaseUnavailable();
      }
      if (error instanceof LockSetChanged && lockSets < MAX_LOCK_SET_RETRIES) {
        lockSets += 1;
        continue;
      }
      const kind = classifyDatabaseError(error);
      if (kind === 'retry' && deadlocks < MAX_DEADLOCK_RETRIES) {
        deadlocks += 1;
        deadlockRetryCount += 1;
        continue;
      }
      if (kind !== 'unavailable') throw error;
      countDatabaseError();
      if (committing || Date.now() + pause > deadline) {
        unavailableCount += 1;
        throw databaseUnavailable();
      }
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 1_000);
    }
  }
}

const DEADLINE = Symbol('deadline');

function beforeDeadline<T>(run: Promise<T>, deadline: number, quiet: () => number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    const check = () => {
      if (quiet() < QUIET_MS) timer = setTimeout(check, QUIET_MS / 4);
      else reject(DEADLINE);
    };
    timer = setTimeout(check, Math.max(0, deadline - Date.now()));
  });
  // The abandoned attempt's own outcome is of no interest any more.
  run.catch(() => {});
  return Promise.race([run, expired]).finally(() => clearTimeout(timer));
}
