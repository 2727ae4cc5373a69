// The one connection to the system of record: PGlite (embedded, in DATA_DIR) by
// default, PostgreSQL when DATABASE_URL is set. Same SQL dialect, same migrations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import pg from 'pg';
import { migrateToLatest } from './migrate.js';
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
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 20)
    : await openPglite(options.dataDir);
  if (options.migrate !== false) await migrateToLatest(store.db);
  return store;
}

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({ connectionString: url, max });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
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
