// Statements sent as one message (src/store/one-message.ts): values inlined as
// literals come back exactly as given, whatever they hold; what cannot be
// inlined safely is refused; each statement sees what the one before it did;
// and a message that carries its transaction's COMMIT leaves nothing for
// Kysely's own COMMIT to do.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.js';
import { inOneMessage, literal } from '../../src/store/one-message.js';
import type { Database } from '../../src/store/schema.js';
import { openTestServices } from '../support/harness.js';

let store: Store;

beforeAll(async () => {
  ({ store } = await openTestServices());
});
afterAll(() => store.close());

const hostile = [
  "it's",
  "''; DROP TABLE events; --",
  'back\\slash \\\\ and \\x41',
  '$1 $2 $$ dollar $tag$',
  'E\'escape\' and "double"',
  'line\nbreak\ttab',
  'ünïcødé кириллица 😀 𝄞',
  '',
];

describe('inOneMessage', () => {
  it('returns every string exactly as given, quotes, backslashes and dollars included', async () => {
    for (const value of hostile) {
      const rows = await inOneMessage<{ v: string; n: number }, Database>(store.db, [
        sql`SELECT 1`,
        sql`SELECT ${value}::text AS v, ${42}::int AS n`,
      ]);
      expect(rows).toEqual([{ v: value, n: 42 }]);
    }
  });

  it('inlines dates, booleans, null and JSON documents faithfully', async () => {
    const at = new Date('2026-03-29T01:30:00.123Z');
    const doc = { text: "a 'quoted' \\ value", list: [1, 'two'] };
    const [row] = await inOneMessage<
      { at: Date; yes: boolean; none: null; doc: unknown },
      Database
    >(store.db, [
      sql`SELECT ${at}::timestamptz AS at, ${true} AS yes, ${null}::text AS none, ${doc}::jsonb AS doc`,
    ]);
    expect(row!.at.toISOString()).toBe(at.toISOString());
    expect(row!.yes).toBe(true);
    expect(row!.none).toBeNull();
    expect(row!.doc).toEqual(doc);
  });

  it('refuses what it cannot inline safely', () => {
    expect(() => literal(Number.NaN)).toThrow(/number/);
    expect(() => literal(['a'])).toThrow(/object/);
    expect(() => literal(Buffer.from('x'))).toThrow(/object/);
    expect(() => literal(() => 1)).toThrow(/function/);
  });

  it('runs the statements in order, each seeing the one before', async () => {
    const rows = await store.db
      .transaction()
      .execute((trx) =>
        inOneMessage<{ n: number }, Database>(trx, [
          sql`CREATE TEMP TABLE one_message_probe (n int) ON COMMIT DROP`,
          sql`INSERT INTO one_message_probe VALUES (${1}), (${2})`,
          sql`SELECT count(*)::int AS n FROM one_message_probe`,
        ]),
      );
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('commits with the message when it carries COMMIT; the COMMIT Kysely sends then succeeds', async () => {
    await sql`CREATE TABLE IF NOT EXISTS one_message_commit (v text)`.execute(store.db);
    await store.db.transaction().execute(async (trx) => {
      await inOneMessage<unknown, Database>(trx, [
        sql`INSERT INTO one_message_commit VALUES (${'kept'})`,
        sql`COMMIT`,
      ]);
    });
    const { rows } = await sql<{ v: string }>`SELECT v FROM one_message_commit`.execute(store.db);
    expect(rows).toEqual([{ v: 'kept' }]);
  });

  it('leaves nothing behind when a statement fails: the rest are skipped and the transaction rolls back', async () => {
    await sql`CREATE TABLE IF NOT EXISTS one_message_fail (v text)`.execute(store.db);
    await expect(
      store.db
        .transaction()
        .execute((trx) =>
          inOneMessage<unknown, Database>(trx, [
            sql`INSERT INTO one_message_fail VALUES (${'first'})`,
            sql`SELECT 1 / 0`,
            sql`INSERT INTO one_message_fail VALUES (${'never'})`,
            sql`COMMIT`,
          ]),
        ),
    ).rejects.toThrow(/division by zero/);
    const { rows } = await sql`SELECT v FROM one_message_fail`.execute(store.db);
    expect(rows).toEqual([]);
  });
});
