// How the report, audit and staffing routes read: each heavy query under the
// store's report timeout (REPORT_TIMEOUT_MS, src/store/report-timeout.ts), so
// one report over a huge period answers period_too_large instead of holding
// the store while every workspace request waits. PGlite cannot cancel a
// statement, so there the period itself is bounded before anything runs.
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import { ReportTimeoutError, withReportTimeout } from '../store/report-timeout.js';
import type { Database } from '../store/schema.js';
import type { HttpDeps } from './app.js';

/** The longest period a report reads on the embedded store (a quarter, with its longest months). */
export const EMBEDDED_MAX_PERIOD_DAYS = 93;

export type ReportRunner = <T>(
  period: { from: Date; to: Date } | null,
  read: (db: Kysely<Database>) => Promise<T>,
) => Promise<T>;

export function reportRunner(deps: HttpDeps): ReportRunner {
  const store = { db: deps.services.db, kind: deps.storeKind };
  return async (period, read) => {
    if (
      store.kind === 'pglite' &&
      period &&
      period.to.getTime() - period.from.getTime() > EMBEDDED_MAX_PERIOD_DAYS * 86_400_000
    )
      throw new AppError(
        'period_too_large',
        `The embedded database reads at most ${EMBEDDED_MAX_PERIOD_DAYS} days per report: choose a shorter period.`,
        'from',
      );
    try {
      return await withReportTimeout(store, deps.config.reportTimeoutMs, read);
    } catch (error) {
      if (error instanceof ReportTimeoutError) throw new AppError('period_too_large', undefined, 'from');
      throw error;
    }
  };
}
