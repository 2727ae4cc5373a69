// The one connection to the system of record: the embedded PostgreSQL server
// (started by Switchboard, data in DATA_DIR) by default, any PostgreSQL when
// DATABASE_URL is set. One server, one dialect, the same migrations.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startEmbeddedDatabase } from './embedded-store.js';
import { migrateToLatest } from './migrate.js';
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
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 20)
    : await openEmbedded(options.dataDir, options.poolSize ?? 20);
  if (options.migrate !== false) await migrateToLatest(store.db);
  return store;
}

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

async function openEmbedded(dataDir: string, max: number): Promise<Store> {
  const server = await startEmbeddedDatabase(dataDir);
  const store = openPostgres(server.url, max);
  return {
    db: store.db,
    kind: 'embedded',
    close: async () => {
      await store.close();
      await server.stop();
    },
  };
}
