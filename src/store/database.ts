// The one connection to the system of record: the embedded PostgreSQL server
// (started by Switchboard, data in DATA_DIR) by default, any PostgreSQL when
// DATABASE_URL is set. One server, one dialect, the same migrations.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from '../config.js';
import { startEmbeddedDatabase } from './embedded-store.js';
import { migrateToLatest } from './migrate.js';
import { createPgPool } from './pg-pool.js';
import { queryTracker, trackStore } from './resilience.js';
import type { Database } from './schema.js';

export type StoreKind = 'embedded' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  close(): Promise<void>;
}

// Event ids are bigserial; they stay far below 2^53, so numbers are safe.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface OpenStoreOptions {
  databaseUrl: string | null;
  /** DATA_DIR, home of the embedded server; `memory://` runs a throw-away one. */
  dataDir: string;
  poolSize?: number;
  migrate?: boolean;
  /** PostgreSQL connection timeouts (src/store/pg-pool.ts); defaults when absent. */
  timeouts?: DatabaseTimeouts;
  /** Where lost connections are logged. */
  logger?: Logger;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 20, options)
    : await openEmbedded(options.dataDir, options.poolSize ?? 20, options);
  if (options.migrate !== false) await migratePostgres(store.url, options);
  return store;
}

function openPostgres(
  url: string,
  max: number,
  options: OpenStoreOptions,
): Store & { url: string } {
  const tracker = queryTracker();
  const pool = createPgPool(url, {
    max,
    timeouts: options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS,
    logger: options.logger ?? null,
    tracker,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  trackStore(db, tracker);
  return { db, kind: 'postgres', url, close: () => db.destroy() };
}

/** Migrations run on a connection of their own, without statement or lock timeouts. */
async function migratePostgres(url: string, options: OpenStoreOptions): Promise<void> {
  const pool = createPgPool(url, { max: 1, timeouts: null, logger: options.logger ?? null });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

async function openEmbedded(
  dataDir: string,
  max: number,
  options: OpenStoreOptions,
): Promise<Store & { url: string }> {
  const server = await startEmbeddedDatabase(dataDir, undefined, options.logger);
  const store = openPostgres(server.url, max, options);
  return {
    db: store.db,
    kind: 'embedded',
    url: server.url,
    close: async () => {
      await store.close();
      await server.stop();
    },
  };
}
