// Hot statements inside transactions go by name (src/store/statement-names.ts):
// prepared once per connection, same answers, generic plans where PostgreSQL
// chooses them but never for an ON CONFLICT on a partial index; a migration
// that changes a prepared statement's result shape costs one retry, not an error.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform, type Services } from '../../src/actions/context.js';
import { createMemoryBus } from '../../src/events/bus.js';
import type { Store } from '../../src/store/database.js';
import { createPgPool } from '../../src/store/pg-pool.js';
import type { Database } from '../../src/store/schema.js';
import { PREPARE_AFTER_USES, statementName } from '../../src/store/statement-names.js';
import { databaseUrl, openTestStore } from '../support/harness.js';

let store: Store;
let db: Kysely<Database>;
let services: Services;
const table = `statement_names_test_${process.pid}`;
const t = sql.raw(table);

beforeAll(async () => {
  store = await openTestStore(); // makes this file's database
  // One connection, so every transaction finds what the one before prepared.
  db = new Kysely({
    dialect: new PostgresDialect({ pool: createPgPool(databaseUrl, { max: 1, timeouts: null }) }),
  });
  services = { db, bus: createMemoryBus(), now: () => new Date(), random: Math.random };
  await sql`CREATE TABLE ${t} (a int)`.execute(db);
  await sql`INSERT INTO ${t} (a) VALUES (1), (2)`.execute(db);
});
afterAll(async () => {
  await sql`DROP TABLE IF EXISTS ${t}`.execute(db);
  await db.destroy();
  await store.close();
});

/** A transaction that runs the statement second (the first goes with BEGIN, unnamed). */
const inTransaction = (a: number) =>
  perform(services, { accountId: 'none', actor: { kind: 'system' } }, async (ctx) => {
    await sql`SELECT 1`.execute(ctx.trx);
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${t} WHERE a = ${a}`.execute(
      ctx.trx,
    );
    const prepared = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE ${`%FROM ${table}%`}`.execute(
      ctx.trx,
    );
    return { rows, prepared: prepared.rows[0]!.n };
  }).then((r) => r.result);

describe('statements by name', () => {
  it('names a statement once it is hot, and never more than one name per text', () => {
    const text = `SELECT ${Math.random()} WHERE $1::int > 0`;
    for (let i = 1; i < PREPARE_AFTER_USES; i++) expect(statementName(text)).toBeNull();
    const name = statementName(text);
    expect(name).toMatch(/^sb_\d+$/);
    expect(statementName(text)).toBe(name);
  });

  it('prepares a hot statement on the connection and answers as before', async () => {
    const first = await inTransaction(1);
    expect(first).toEqual({ rows: [{ a: 1 }], prepared: 0 });
    let last = first;
    for (let i = 0; i < PREPARE_AFTER_USES; i++) last = await inTransaction(2);
    expect(last).toEqual({ rows: [{ a: 2 }], prepared: 1 });
  });

  it('never names an ON CONFLICT on a partial index: a generic plan could not infer its arbiter', async () => {
    const text = `INSERT INTO t (k) VALUES ($1) ON CONFLICT ("k") WHERE "state" <> $2 DO NOTHING -- ${Math.random()}`;
    for (let i = 0; i < PREPARE_AFTER_USES * 2; i++) expect(statementName(text)).toBeNull();
    const u = sql.raw(`${table}_partial`);
    await sql`CREATE TABLE ${u} (k int, state text)`.execute(db);
    await sql`CREATE UNIQUE INDEX ON ${u} (k) WHERE state <> 'closed'`.execute(db);
    try {
      // A generic plan cannot tell the parameter's predicate implies the index's:
      // "no unique or exclusion constraint matching the ON CONFLICT specification".
      for (let i = 0; i < PREPARE_AFTER_USES + 10; i++)
        await perform(services, { accountId: 'none', actor: { kind: 'system' } }, async (ctx) => {
          await sql`SELECT 1`.execute(ctx.trx);
          await sql`INSERT INTO ${u} (k, state) VALUES (${i % 3}, ${'open'})
            ON CONFLICT (k) WHERE state <> ${'closed'} DO NOTHING`.execute(ctx.trx);
        });
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${u}`.execute(db);
      expect(rows[0]!.n).toBe(3);
    } finally {
      await sql`DROP TABLE ${u}`.execute(db);
    }
  });

  it('survives a migration that changes a prepared statement’s result: one retry', async () => {
    for (let i = 0; i < PREPARE_AFTER_USES; i++) await inTransaction(1);
    expect((await inTransaction(1)).prepared).toBe(1);
    await sql`ALTER TABLE ${t} ADD COLUMN b text DEFAULT 'new'`.execute(store.db);
    const after = await inTransaction(1);
    expect(after.rows).toEqual([{ a: 1, b: 'new' }]);
    // Prepared again, by the same name, with the table's new shape.
    for (let i = 0; i < 3; i++) expect((await inTransaction(2)).rows).toEqual([{ a: 2, b: 'new' }]);
    expect((await inTransaction(2)).prepared).toBe(1);
  });
});
