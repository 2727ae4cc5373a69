// Reports read a whole period of an account; no such read may hold the store
// for long. On PostgreSQL each report runs in one read-only transaction with
// a statement timeout (SET LOCAL: it ends with the transaction, so the pooled
// connection goes back unchanged) — the embedded server as any other.
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** A report statement ran past its timeout and was cancelled by the server. */
export class ReportTimeoutError extends Error {}

/** PostgreSQL's query_canceled: what statement_timeout raises. */
const QUERY_CANCELED = '57014';

export async function withReportTimeout<T>(
  db: Kysely<Database>,
  timeoutMs: number,
  read: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        await sql`SELECT set_config('statement_timeout', ${String(Math.round(timeoutMs))}, true)`.execute(
          trx,
        );
        // One core per report: parallel workers would take the cores the
        // workspace's short queries need.
        await sql`SELECT set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
        return read(trx);
      });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === QUERY_CANCELED)
      throw new ReportTimeoutError(`a report statement ran over ${timeoutMs} ms`);
    throw error;
  }
}
