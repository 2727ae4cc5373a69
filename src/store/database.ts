// The one connection to the system of record: PGlite (embedded, in DATA_DIR) by
// default, PostgreSQL when DATABASE_URL is set. Same SQL dialect, same migrations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import pg from 'pg';
import type { Logger } from 'pino';
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from '../config.js';
import { migrateToLatest } from './migrate.js';
import { createPgPool } from './pg-pool.js';
import { queryTracker, trackStore } from './resilience.js';
import type { Database } from './schema.js';
import { serializedDialect } from './serialized-dialect.js';

export type StoreKind = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  close(): Promise<void>;
}

// Event ids are bigserial; they stay far below 2^53, so numbers are safe and
// match what PGlite returns.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface OpenStoreOptions {
  databaseUrl: string | null;
  /** Folder for PGlite data; `memory://` keeps it in memory (tests). */
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
    : await openPglite(options.dataDir);
  if (options.migrate !== false) {
    if (options.databaseUrl) await migratePostgres(options.databaseUrl, options);
    else await migrateToLatest(store.db);
  }
  return store;
}

function openPostgres(url: string, max: number, options: OpenStoreOptions): Store {
  const tracker = queryTracker();
  const pool = createPgPool(url, {
    max,
    timeouts: options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS,
    logger: options.logger ?? null,
    tracker,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  trackStore(db, tracker);
  return { db, kind: 'postgres', close: () => db.destroy() };
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

async function openPglite(dataDir: string): Promise<Store> {
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = join(dataDir, 'pgdata');
    mkdirSync(location, { recursive: true });
  }
  const client = await PGlite.create(location);
  const db = new Kysely<Database>({ dialect: serializedDialect(new KyselyPGlite(client).dialect) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!client.closed) await client.close();
    },
  };
}
