// The pool's client sends a transaction's BEGIN with its first statement
// (src/store/pg-pool.ts): one round trip fewer, and nothing else changes — the
// statement runs inside the transaction, its parameters reach the server as
// the same values, a binary one still works, and an empty transaction leaves
// the connection as it found it.
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.js';
import { createPgPool } from '../../src/store/pg-pool.js';
import { databaseUrl, openTestStore } from '../support/harness.js';

let store: Store;
let pool: pg.Pool;
let db: Kysely<Record<string, never>>;
/** ReadyForQuery messages: one per round trip. */
let roundTrips = 0;
const table = `pg_pool_test_${process.pid}`;

beforeAll(async () => {
  store = await openTestStore(); // makes this file's database
  pool = createPgPool(databaseUrl, { max: 2, timeouts: null });
  pool.on('connect', (client) => {
    (client as unknown as { connection: pg.Connection }).connection.on('readyForQuery', () => {
      roundTrips += 1;
    });
  });
  db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  await sql`CREATE TABLE ${sql.raw(table)} (n int)`.execute(db);
});
afterAll(async () => {
  await sql`DROP TABLE IF EXISTS ${sql.raw(table)}`.execute(db);
  await db.destroy();
  await store.close();
});

async function counted<T>(work: () => Promise<T>): Promise<{ result: T; trips: number }> {
  const before = roundTrips;
  const result = await work();
  return { result, trips: roundTrips - before };
}

const hostile = [
  "it's",
  "''; DROP TABLE events; --",
  'back\\slash \\\\ and \\x41',
  '$1 $2 $$ dollar $tag$',
  'line\nbreak\ttab',
  'ünïcødé кириллица 😀 𝄞',
  '',
];

describe('BEGIN with the first statement', () => {
  it('costs one round trip less: first statement and BEGIN, second, COMMIT', async () => {
    const { result, trips } = await counted(() =>
      db.transaction().execute(async (trx) => {
        const a = await sql<{ v: string }>`SELECT ${'x'}::text AS v`.execute(trx);
        const b = await sql<{ v: number }>`SELECT 2 AS v`.execute(trx);
        return [a.rows[0]!.v, b.rows[0]!.v];
      }),
    );
    expect(result).toEqual(['x', 2]);
    expect(trips).toBe(3);
  });

  it('runs the first statement inside the transaction: a rollback undoes it', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO ${sql.raw(table)} (n) VALUES (${7})`.execute(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.raw(table)}`.execute(db);
    expect(rows[0]!.n).toBe(0);
  });

  it('hands the server the same values as parameters would be', async () => {
    const at = new Date('2026-03-29T01:30:00.123Z');
    const doc = { text: "a 'quoted' \\ value", list: [1, 'two'], nested: { none: null } };
    const uuids = ['0b8f3c2e-5d7a-4e36-9b51-2a4c1f0e9d77', 'f3d2c1b0-a987-4654-8321-0fedcba98765'];
    const probe = (q: Kysely<Record<string, never>>) =>
      sql<Record<string, unknown>>`
        SELECT ${hostile}::text[] AS strings, ${-12}::int AS int, ${3.25}::float8 AS float,
          ${'9007199254740991'}::bigint AS big, ${at}::timestamptz AS at, ${true} AS yes,
          ${false}::boolean AS no, ${null}::text AS none, ${doc}::jsonb AS doc,
          ${uuids}::uuid[] AS ids, ${[1, 2, 3]}::int[] AS ints,
          (SELECT count(*)::int FROM unnest(${uuids}::uuid[]) u WHERE u = ${uuids[1]}) AS matched`
        .execute(q)
        .then((r) => r.rows[0]!);
    const plain = await probe(db);
    const { result: merged, trips } = await counted(() =>
      db.transaction().execute((trx) => probe(trx)),
    );
    expect(trips).toBe(2);
    expect(merged).toEqual(plain);
    expect(merged.strings).toEqual(hostile);
    expect((merged.at as Date).toISOString()).toBe(at.toISOString());
    expect(merged.doc).toEqual(doc);
    expect(merged.matched).toBe(1);
  });

  it('sends BEGIN on its own before a statement with a binary parameter', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const { result, trips } = await counted(() =>
      db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ b: Buffer }>`SELECT ${bytes}::bytea AS b`.execute(trx);
        return rows[0]!.b;
      }),
    );
    expect(Buffer.compare(result, bytes)).toBe(0);
    expect(trips).toBe(3);
  });

  it('ends a transaction that ran nothing without a round trip, and the connection is clean after', async () => {
    const { trips } = await counted(() => db.transaction().execute(async () => 'nothing'));
    expect(trips).toBe(0);
    const client = await pool.connect();
    try {
      await client.query('SELECT 1');
      expect((client as unknown as pg.Client).getTransactionStatus()).toBe('I');
    } finally {
      client.release();
    }
    // A later statement is in no transaction of anyone's: it commits on its own.
    await sql`INSERT INTO ${sql.raw(table)} (n) VALUES (${1})`.execute(db);
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.raw(table)}`.execute(db);
    expect(rows[0]!.n).toBe(1);
  });
});
