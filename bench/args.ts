// What the benches share: their `--name value` options and a fresh database.
import pg from 'pg';

/** The value after `--name`, if given. */
export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `--name N` as a positive integer, or `fallback` when absent. */
export function positive(args: string[], name: string, fallback: number): number {
  const raw = option(args, name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer`);
  return value;
}

/** The local PostgreSQL server the benches make their databases on. */
export const BENCH_SERVER = 'postgres://postgres@127.0.0.1:5432';

/** `name` dropped and made anew on the bench server; its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${BENCH_SERVER}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `${BENCH_SERVER}/${name}`;
}
