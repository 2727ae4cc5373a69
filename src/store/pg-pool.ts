// The PostgreSQL connection pool, made to survive its database. Every pool and
// every client has an 'error' listener: a connection the server terminates
// (pg_terminate_backend, a restart, a failover) is logged and replaced, never
// an unhandled 'error' event that ends the process. Every connection carries
// the timeouts of DatabaseTimeouts, on the server (statement, lock wait,
// idle in transaction, TCP keepalive and user timeout) and on the client: a
// query whose answer does not come within the statement timeout plus a margin
// — the server is gone, or a connection silently drops bytes — has its socket
// destroyed, so it fails and the pool opens a fresh connection next time.
import pg from 'pg';
import type { Logger } from 'pino';
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from '../config.js';
import { countDatabaseError, type QueryTracker } from './resilience.js';
import { isStalePreparedStatement, statementName } from './statement-names.js';

/** How much longer than the server's statement_timeout the client waits for an answer. */
const CLIENT_MARGIN_MS = 2_000;

export interface PgPoolOptions {
  max: number;
  /** Null: no statement or lock timeout (migrations, which may rewrite big tables). */
  timeouts: DatabaseTimeouts | null;
  logger?: Pick<Logger, 'warn'> | null;
  /** Told of every query's start and end (how long the database has been silent). */
  tracker?: QueryTracker;
}

export function createPgPool(url: string, options: PgPoolOptions): pg.Pool {
  const t = options.timeouts;
  const keepAliveMs = (t ?? DEFAULT_DATABASE_TIMEOUTS).keepAliveMs;
  const readTimeoutMs = t ? t.statementMs + CLIENT_MARGIN_MS : 0;
  const log = options.logger ?? null;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    Client: guardedClient(readTimeoutMs, options.tracker ?? null),
    connectionTimeoutMillis: (t ?? DEFAULT_DATABASE_TIMEOUTS).connectMs,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: keepAliveMs,
    ...(t
      ? {
          statement_timeout: t.statementMs,
          lock_timeout: t.lockMs,
          idle_in_transaction_session_timeout: t.idleInTransactionMs,
        }
      : {}),
    // The server's side of the connection: notice a vanished node within
    // seconds too (its locks are then released). Ignored on Unix sockets.
    options: [
      `-c tcp_keepalives_idle=${Math.max(1, Math.round(keepAliveMs / 1000))}`,
      '-c tcp_keepalives_interval=2',
      '-c tcp_keepalives_count=3',
      `-c tcp_user_timeout=${keepAliveMs * 2}`,
    ].join(' '),
  });
  // An idle client that loses its connection: the pool has already dropped it.
  pool.on('error', (err) => {
    countDatabaseError();
    log?.warn({ err: errorSummary(err) }, 'database connection lost (idle); it will be replaced');
  });
  // A client lent out when its connection dies emits 'error' too when no query
  // is running (between two statements of a transaction); the transaction's
  // next statement then fails and the pool discards the client on release.
  // A client goes back with no BEGIN waiting for a statement of the next user.
  pool.on('release', (_err: unknown, client: pg.PoolClient) => {
    (client as unknown as { beginPending: boolean }).beginPending = false;
  });
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      countDatabaseError();
      log?.warn({ err: errorSummary(err) }, 'database connection lost');
    });
  });
  return pool;
}

function errorSummary(err: unknown) {
  const e = err as { message?: string; code?: string };
  return { message: e?.message, code: e?.code };
}

/**
 * A pg Client made for Switchboard's transactions:
 *
 * - Its promise queries give up after `readTimeoutMs`: the socket is
 *   destroyed, which fails the query (and any queued behind it) with a
 *   connection error and makes the client unusable, so the pool discards it.
 * - A query of several statements (the outbox's write that carries its
 *   transaction's COMMIT, src/events/outbox.ts) answers with the result of its
 *   last statement that returns rows, as a one-statement query would.
 * - A COMMIT asked for when the server reports no transaction open — the
 *   outbox's write committed it already — is answered at once, without a
 *   round trip the server would only answer with a warning.
 * - A bare BEGIN is not sent on its own: it goes in front of the
 *   transaction's first statement, in one message (beginWith), which saves
 *   a round trip per transaction — under load each one waits for a busy
 *   server process and a busy event loop (docs/architecture.md, "Round
 *   trips").
 */
function guardedClient(readTimeoutMs: number, tracker: QueryTracker | null): typeof pg.Client {
  return class GuardedClient extends pg.Client {
    /** A BEGIN asked for and not sent yet (it goes with the next statement). */
    beginPending = false;
    /** A prepared statement went stale: drop them all when the transaction ends. */
    staleStatements = false;

    // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads
    override query(...args: any[]): any {
      if (isBare(args[0], 'begin') && !this.beginPending && this.getTransactionStatus() === 'I') {
        this.beginPending = true;
        return Promise.resolve(BEGUN);
      }
      if (this.beginPending) {
        this.beginPending = false;
        // A transaction that ran no statement has nothing to end.
        if (isBare(args[0], 'commit') || isBare(args[0], 'rollback'))
          return Promise.resolve(COMMITTED_ALREADY);
        const merged = beginWith(args[0], args[1]);
        if (merged === null) {
          // A statement with a binary parameter: BEGIN first, then the statement.
          const rest = args;
          if (typeof rest[0] === 'string')
            return this.send(['BEGIN']).then(() => this.query(...rest));
          // A cursor must be handed back at once: pg's queue keeps the order,
          // and a BEGIN that fails has lost the connection the cursor needs too.
          this.send(['BEGIN']).catch(() => {});
        } else args = [merged];
      }
      if (isBare(args[0], 'commit') && this.getTransactionStatus() === 'I')
        return Promise.resolve(COMMITTED_ALREADY);
      if (this.staleStatements && isBare(args[0], 'rollback')) {
        this.staleStatements = false;
        const connection = this.connection as unknown as {
          parsedStatements: Record<string, string>;
          submittedNamedStatements: Record<string, string>;
        };
        connection.parsedStatements = {};
        connection.submittedNamedStatements = {};
        return this.send(['ROLLBACK; DEALLOCATE ALL']);
      }
      // A hot statement inside a transaction (the actions' small statements;
      // reports and other reads outside one keep plans made for their values)
      // is sent by name: parsed once per connection, planned once when a
      // generic plan will do (statement-names.ts).
      if (
        typeof args[0] === 'string' &&
        Array.isArray(args[1]) &&
        args[1].length > 0 &&
        this.getTransactionStatus() === 'T'
      ) {
        const name = statementName(args[0]);
        if (name !== null) args = [{ name, text: args[0], values: args[1] }];
      }
      const sent = this.send(args);
      if (!sent || typeof sent.then !== 'function') return sent;
      return (sent as Promise<unknown>).catch((error: unknown) => {
        if (isStalePreparedStatement(error)) this.staleStatements = true;
        throw error;
      });
    }

    // biome-ignore lint/suspicious/noExplicitAny: see above
    private send(args: any[]): any {
      // biome-ignore lint/suspicious/noExplicitAny: see above
      const sent = (super.query as (...a: any[]) => any)(...args);
      if (!sent || typeof sent.then !== 'function') return sent;
      const result = (sent as Promise<pg.QueryResult | pg.QueryResult[]>).then(lastRows);
      const settled = tracker?.started();
      if (readTimeoutMs <= 0) return settled ? result.finally(settled) : result;
      const timer = setTimeout(() => {
        const stream = (
          this as unknown as { connection?: { stream?: { destroy(e: Error): void } } }
        ).connection?.stream;
        stream?.destroy(new Error(`Database read timeout: no answer within ${readTimeoutMs} ms`));
      }, readTimeoutMs);
      return result.finally(() => {
        clearTimeout(timer);
        settled?.();
      });
    }
  } as unknown as typeof pg.Client;
}

/** pg's conversion of a parameter to what it sends (not in its typings). */
const prepareValue = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils
  .prepareValue;

const BEGUN = { command: 'BEGIN', rowCount: null, rows: [], fields: [], oid: 0 };

/**
 * `BEGIN;` and the statement as one simple-protocol message, its parameters
 * written in as the quoted text pg would have sent for them (pg's own
 * prepareValue), so the server types them from their context exactly as it
 * types parameters. Null when that cannot be done: a parameter pg sends as
 * binary, or not a plain text query — then BEGIN goes first on its own.
 */
function beginWith(text: unknown, values: unknown): string | null {
  if (typeof text !== 'string') return null;
  if (values === undefined || (Array.isArray(values) && values.length === 0))
    return `BEGIN;\n${text}`;
  if (!Array.isArray(values)) return null;
  const literals: string[] = [];
  for (const v of values) {
    const prepared = prepareValue(v);
    if (prepared === null) literals.push('NULL');
    else if (typeof prepared === 'string') literals.push(pg.escapeLiteral(prepared));
    else return null;
  }
  // Kysely writes $1…$n only for parameters (never inside our statements' literals).
  let unknown = false;
  const inlined = text.replace(/\$(\d+)/g, (_, n: string) => {
    const literal = literals[Number(n) - 1];
    if (literal === undefined) unknown = true;
    return literal ?? '';
  });
  return unknown ? null : `BEGIN;\n${inlined}`;
}

const COMMITTED_ALREADY = {
  command: 'COMMIT',
  rowCount: null,
  rows: [],
  fields: [],
  oid: 0,
} as unknown as pg.QueryResult;

function isBare(text: unknown, command: 'begin' | 'commit' | 'rollback'): boolean {
  return typeof text === 'string' && text.length < 16 && text.trim().toLowerCase() === command;
}

function lastRows(result: pg.QueryResult | pg.QueryResult[]): pg.QueryResult {
  if (!Array.isArray(result)) return result;
  return result.findLast((r) => r.fields.length > 0) ?? result[result.length - 1]!;
}
