// npm run bench -- faults [--store postgres] [--database-url URL] [--redis-url URL] [--short]
//
// Two Switchboard nodes (child processes) on PostgreSQL + Redis, each reaching
// PostgreSQL through its own TCP proxy and Redis through a shared one, all
// controlled here. Under a steady load — visitors writing over HTTP, operators
// connected by websocket and answering over HTTP, every client retrying an
// unanswered or refused message with the same clientKey as the widget does —
// it injects, one after another: pg_terminate_backend of every connection, a
// partition of one node from PostgreSQL, a half-open connection (bytes
// silently dropped), Redis down, and kill -9 of a node (restarted). Then it
// compares what clients were acknowledged with the tables:
//   lost        acknowledged, but not in `messages`
//   duplicated  one clientKey's text stored more than once
//   false_acks  acknowledged with a message id that is not that message's row
//   crashed_nodes  nodes that exited without being killed
// recovery_s_max is the longest time, after a fault ended, until a message
// sent through every node was acknowledged again.
//
// `--store embedded`: one node (the same child process) on its embedded
// PostgreSQL server, DATA_DIR in a temporary folder, under the same load;
// faults: pg_terminate_backend of every connection, kill -9 of the embedded
// server (the node's supervisor restarts it), kill -9 of the node and a
// restart on the same DATA_DIR (which takes back the orphaned server).
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Services } from '../src/actions/context.js';
import { createMemoryBus } from '../src/events/bus.js';
import { processExists } from '../src/store/data-dir-lock.js';
import { openStore, type Store } from '../src/store/database.js';
import { startTcpProxy, type TcpProxy, throughProxy } from '../test/support/tcp-proxy.js';
import { freePort, freshDatabase } from './args.js';
import { embeddedUrl, SECRET, seed, tally, terminateBackends } from './faults/fixture.js';
import { startLoad } from './faults/load.js';

export interface PostgresFaultsOptions {
  store: 'postgres';
  /** A PostgreSQL URL allowed to create databases. */
  adminDatabaseUrl: string;
  /** Name of the database made for the run (dropped and created). */
  databaseName: string;
  redisUrl: string;
}

export type FaultsOptions = (PostgresFaultsOptions | { store: 'embedded' }) & {
  /** Shorter faults and load (CI). */
  short: boolean;
  log?: (line: string) => void;
};

export interface FaultsResult {
  bench: 'faults';
  store: string;
  faults: number;
  acked: number;
  lost: number;
  duplicated: number;
  false_acks: number;
  crashed_nodes: number;
  recovery_s_max: number;
  recovery_s: Record<string, number>;
  refused: number;
}

export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      store: { type: 'string', default: 'postgres' },
      'database-url': {
        type: 'string',
        default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      'redis-url': {
        type: 'string',
        default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      },
      short: { type: 'boolean', default: false },
    },
  });
  if (values.store !== 'postgres' && values.store !== 'embedded') {
    console.error(`--store ${values.store}: "postgres" or "embedded"`);
    process.exit(2);
  }
  const result = await runFaults(
    values.store === 'embedded'
      ? { store: 'embedded', short: values.short! }
      : {
          store: 'postgres',
          adminDatabaseUrl: values['database-url']!,
          databaseName: 'switchboard_bench_faults',
          redisUrl: values['redis-url']!,
          short: values.short!,
        },
  );
  const { recovery_s: _, refused: __, ...line } = result;
  console.log(JSON.stringify(line));
}

export interface Node {
  name: string;
  port: number;
  url: string;
  /** Its way to PostgreSQL (external store only). */
  proxy: TcpProxy | null;
  child: ChildProcess | null;
  killedByUs: boolean;
}

export async function runFaults(options: FaultsOptions): Promise<FaultsResult> {
  const started = Date.now();
  const print = options.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const log = (s: string) => print(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${s}`);
  const sizes = options.short
    ? { visitors: 12, operators: 4, outageMs: 3_000, settleMs: 1_500 }
    : { visitors: 40, operators: 10, outageMs: 10_000, settleMs: 4_000 };
  const embedded = options.store === 'embedded';
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-faults-'));
  // As root the embedded server runs as user postgres, which must reach DATA_DIR.
  chmodSync(dataDir, 0o755);
  const nodes: Node[] = [];
  for (const name of embedded ? ['a'] : ['a', 'b']) {
    const port = await freePort();
    nodes.push({
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      proxy: null,
      child: null,
      killedByUs: false,
    });
  }
  let databaseUrl = '';
  let redisProxy: TcpProxy | null = null;
  let nodeStoreEnv: (node: Node) => NodeJS.ProcessEnv = () => ({
    DATABASE_URL: '',
    REDIS_URL: '',
  });
  if (options.store === 'postgres') {
    const { redisUrl } = options;
    databaseUrl = await freshDatabase(options.databaseName, options.adminDatabaseUrl);
    const pgTarget = new URL(databaseUrl);
    const redisTarget = new URL(redisUrl);
    const redis = await startTcpProxy({
      host: redisTarget.hostname,
      port: Number(redisTarget.port || 6379),
    });
    redisProxy = redis;
    for (const node of nodes)
      node.proxy = await startTcpProxy({
        host: pgTarget.hostname,
        port: Number(pgTarget.port || 5432),
      });
    nodeStoreEnv = (node) => ({
      DATABASE_URL: throughProxy(databaseUrl, node.proxy!),
      REDIS_URL: throughProxy(redisUrl, redis),
    });
  }
  const env = (node: Node): NodeJS.ProcessEnv => ({
    ...process.env,
    PORT: String(node.port),
    ...nodeStoreEnv(node),
    DATA_DIR: dataDir,
    SECRET,
    SWITCHBOARD_DEMO: '0',
    LOG_LEVEL: 'error',
    OFFLINE_GRACE_MS: '30000',
    DB_STATEMENT_TIMEOUT_MS: '3000',
    DB_CONNECT_TIMEOUT_MS: '2000',
    DB_UNAVAILABLE_WAIT_MS: '3000',
  });
  let crashed = 0;
  async function startNode(node: Node) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/_faults-node.ts'], {
      env: env(node),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    node.child = child;
    node.killedByUs = false;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      const text = d.toString();
      stderr = (stderr + text).slice(-2_000);
      if (/Unhandled|uncaught/i.test(text)) log(`[node ${node.name}] ${text.trim()}`);
    });
    child.on('exit', (code, signal) => {
      if (!node.killedByUs) {
        crashed += 1;
        log(`node ${node.name} exited by itself (${code ?? signal})`);
      }
    });
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve, reject) => {
      lines.once('line', () => resolve());
      child.once('exit', () => reject(new Error(`node ${node.name} did not start:\n${stderr}`)));
    });
  }
  /** The bench's own connection: to the node's embedded server once it runs (its port changes at a node restart). */
  const openBenchStore = (): Promise<Store> => {
    if (embedded) databaseUrl = embeddedUrl(dataDir);
    return openStore({ databaseUrl, dataDir, poolSize: 4, migrate: !embedded });
  };
  let store: Store;
  let fixture: Awaited<ReturnType<typeof seed>>;
  const servicesOf = (s: Store): Services => ({
    db: s.db,
    bus: createMemoryBus(),
    now: () => new Date(),
    random: Math.random,
  });
  if (embedded) {
    // The node makes and migrates its own database.
    await startNode(nodes[0]!);
    store = await openBenchStore();
    fixture = await seed(servicesOf(store), sizes);
  } else {
    store = await openBenchStore();
    fixture = await seed(servicesOf(store), sizes);
    await Promise.all(nodes.map(startNode));
  }
  log(`${nodes.length === 1 ? 'node' : 'nodes'} up: ${nodes.map((n) => n.url).join(', ')}`);

  const load = startLoad({ nodes, fixture, store: () => store });

  const recovery: Record<string, number> = {};
  const killNode = async (node: Node) => {
    node.killedByUs = true;
    const exited = new Promise((r) => node.child!.once('exit', r));
    node.child!.kill('SIGKILL');
    await exited;
    await sleep(sizes.settleMs);
    await startNode(node);
  };
  const terminate: [string, () => Promise<number>] = [
    'pg_terminate_backend',
    async () => {
      await terminateBackends(databaseUrl);
      return Date.now();
    },
  ];
  const faults: [string, () => Promise<number>][] = embedded
    ? [
        terminate,
        [
          'kill_server',
          async () => {
            const pid = Number(
              readFileSync(join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0],
            );
            process.kill(pid, 'SIGKILL');
            while (processExists(pid)) await sleep(25);
            return Date.now();
          },
        ],
        [
          'kill_node',
          async () => {
            await killNode(nodes[0]!);
            // The restarted node took the orphaned server back and runs its own.
            const old = store;
            store = await openBenchStore();
            await old.close().catch(() => {});
            return Date.now();
          },
        ],
      ]
    : [
        terminate,
        [
          'partition',
          async () => {
            nodes[0]!.proxy!.blackhole();
            await sleep(sizes.outageMs);
            nodes[0]!.proxy!.restore();
            return Date.now();
          },
        ],
        [
          'half_open',
          async () => {
            nodes[1]!.proxy!.halfOpen();
            return Date.now();
          },
        ],
        [
          'redis_down',
          async () => {
            redisProxy!.drop();
            await sleep(sizes.outageMs);
            redisProxy!.restore();
            return Date.now();
          },
        ],
        [
          'kill_node',
          async () => {
            await killNode(nodes[1]!);
            return Date.now();
          },
        ],
      ];
  await sleep(sizes.settleMs);
  for (const [name, inject] of faults) {
    log(`fault: ${name}`);
    const ended = await inject();
    recovery[name] = round(await load.recovered(ended), 2);
    log(`  recovered in ${recovery[name]} s; ${load.acks.length} acknowledged so far`);
    await sleep(sizes.settleMs);
  }

  await load.stop();
  log('load stopped; comparing acknowledgements with the tables');

  const { lost, duplicated, falseAcks } = await tally(store, fixture.accountId, load.acks);

  for (const node of nodes) {
    node.killedByUs = true;
    node.child?.kill('SIGTERM');
  }
  await Promise.all(
    nodes.map((n) =>
      n.child && n.child.exitCode === null
        ? new Promise((r) => n.child!.once('exit', r))
        : Promise.resolve(),
    ),
  );
  log('nodes stopped');
  await store.close();
  await Promise.all([redisProxy?.close(), ...nodes.map((n) => n.proxy?.close())]);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    bench: 'faults',
    store: options.store,
    faults: faults.length,
    acked: load.acks.length,
    lost,
    duplicated,
    false_acks: falseAcks,
    crashed_nodes: crashed,
    recovery_s_max: Math.max(...Object.values(recovery)),
    recovery_s: recovery,
    refused: load.refused(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
