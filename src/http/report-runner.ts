// How the report, audit and staffing routes read: each heavy query under the
// store's report timeout (REPORT_TIMEOUT_MS, src/store/report-timeout.ts), so
// one report over a huge period answers period_too_large instead of holding
// the store while every workspace request waits.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { ReportTimeoutError, withReportTimeout } from '../store/report-timeout.js';
import type { Database } from '../store/schema.js';
import type { HttpDeps } from './app.js';

export type ReportRunner = <T>(
  period: { from: Date; to: Date } | null,
  read: (db: Kysely<Database>) => Promise<T>,
) => Promise<T>;

/**
 * Reports one node runs at once; more wait their turn, so reports share the
 * database between themselves and leave the rest to the workspace.
 */
const REPORTS_AT_ONCE = 2;

/** A first-come, first-served limit on concurrent tasks. */
function limiter(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

const limiters = new WeakMap<HttpDeps, ReturnType<typeof limiter>>();

export function reportRunner(deps: HttpDeps): ReportRunner {
  const { db } = deps.services;
  let limit = limiters.get(deps);
  if (!limit) {
    limit = limiter(REPORTS_AT_ONCE);
    limiters.set(deps, limit);
  }
  const inTurn = limit;
  return async (_period, read) => {
    try {
      return await inTurn(() => withReportTimeout(db, deps.config.reportTimeoutMs, read));
    } catch (error) {
      if (error instanceof ReportTimeoutError)
        throw new AppError('period_too_large', undefined, 'from');
      throw error;
    }
  };
}
