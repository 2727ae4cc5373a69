// The embedded default as a connection string: DATA_DIR is locked for this
// process, the server in DATA_DIR/postgres started (or taken back from a killed
// Switchboard), and the `switchboard` database made on first start.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';
import { type EmbeddedServer, type SupervisorLog, startEmbeddedServer } from './embedded-server.js';

export const EMBEDDED_DATABASE = 'switchboard';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * `dataDir` is DATA_DIR; `memory://` runs a throw-away server in a temporary
 * folder that is removed on stop (benchmarks, one-off runs). `log` hears of a
 * server that died and was restarted (embedded-server.ts, supervise).
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  settings?: Record<string, string>,
  log?: SupervisorLog,
): Promise<EmbeddedDatabase> {
  const temporary = dataDir.startsWith('memory://');
  const root = temporary ? mkdtempSync(join(tmpdir(), 'switchboard-pg-')) : dataDir;
  // As root the server runs as user postgres, which must reach its folder.
  if (temporary) chmodSync(root, 0o755);
  else mkdirSync(root, { recursive: true });
  let lock: DataDirLock | null = null;
  let server: EmbeddedServer | null = null;
  try {
    lock = lockDataDir(root);
    server = await startEmbeddedServer({
      dir: join(root, 'postgres'),
      settings,
      throwaway: temporary,
      log,
    });
    const url = await ensureDatabase(server.url, EMBEDDED_DATABASE);
    const started = server;
    const held = lock;
    return {
      url,
      async stop() {
        await started.stop();
        held.release();
        if (temporary) rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop();
    lock?.release();
    if (temporary) rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

/** Creates `name` on the server at `serverUrl` unless it exists; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
