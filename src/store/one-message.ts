// Several statements sent to PostgreSQL as one message (the simple-query
// protocol), for the places where a lock is held across them: the server runs
// them one after another without waiting for this process in between, and in
// READ COMMITTED each takes its own snapshot, so a statement after a lock
// sees what the lock's previous holder committed. A round trip to a busy Node
// process can take milliseconds, and every other writer waiting for the lock
// waits that long too (docs/architecture.md, "The outbox lock").
//
// The simple-query protocol takes no bound parameters, so each statement is
// compiled by Kysely and its parameters inlined as literals escaped by pg's
// escapeLiteral (strings, dates, plain objects as JSON) or written out (finite
// numbers, booleans, null); anything else (arrays, buffers) is refused rather than guessed at. The pool's
// client answers with the last statement's rows that has any
// (src/store/pg-pool.ts).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import pg from 'pg';

/** Runs `statements` as one message; the rows of the last one that returns rows. */
export async function inOneMessage<R, DB>(
  db: Kysely<DB>,
  statements: readonly RawBuilder<unknown>[],
): Promise<R[]> {
  const text = statements.map((s) => inline(s.compile(db))).join(';\n');
  const { rows } = await sql.raw<R>(text).execute(db);
  return rows;
}

function inline(query: { sql: string; parameters: readonly unknown[] }): string {
  // Kysely writes $1…$n only for parameters, never inside the literals and
  // identifiers of our own statements, which never contain a `$`.
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => literal(query.parameters[Number(n) - 1]));
}

export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot inline the number ${value}`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  // A plain object as a JSON document; arrays would need PostgreSQL's array syntax.
  if (typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value))
    return pg.escapeLiteral(JSON.stringify(value));
  throw new Error(`cannot inline a value of type ${typeof value}`);
}
