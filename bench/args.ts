// What the benches share: their `--name value` options and a fresh database.
import { createServer } from 'node:net';
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

/**
 * `name` dropped and made anew on the server of `adminUrl` (by default the
 * bench server); its URL. A shared server may be at max_connections for a
 * moment: connecting is tried again.
 */
export async function freshDatabase(
  name: string,
  adminUrl = `${BENCH_SERVER}/postgres`,
): Promise<string> {
  const admin = await connectAdmin(adminUrl);
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A client of `url`, connecting again for up to 10 s while the server refuses. */
export async function connectAdmin(url: string): Promise<pg.Client> {
  for (let tries = 0; ; tries++) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    try {
      await client.connect();
      return client;
    } catch (error) {
      if (tries >= 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
