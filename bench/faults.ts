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
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { createAccount, newId } from '../src/actions/accounts/create-account.js';
import { createChannel } from '../src/actions/channels/create-channel.js';
import { identifyContact } from '../src/actions/contacts/identify-contact.js';
import { perform, type Services } from '../src/actions/context.js';
import { createOperator } from '../src/actions/operators/create-operator.js';
import { setOperatorStatus } from '../src/actions/operators/set-operator-status.js';
import { createApiToken } from '../src/actions/sessions/create-api-token.js';
import { createMemoryBus } from '../src/events/bus.js';
import { signVisitorToken } from '../src/http/visitor-token.js';
import { processExists } from '../src/store/data-dir-lock.js';
import { openStore, type Store } from '../src/store/database.js';
import { EMBEDDED_DATABASE } from '../src/store/embedded-store.js';
import { startTcpProxy, type TcpProxy, throughProxy } from '../test/support/tcp-proxy.js';

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

const SECRET = 'bench-faults-secret-0123456789abcdef';

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

interface Node {
  name: string;
  port: number;
  url: string;
  /** Its way to PostgreSQL (external store only). */
  proxy: TcpProxy | null;
  child: ChildProcess | null;
  killedByUs: boolean;
}

interface Ack {
  key: string;
  messageId: string;
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
    databaseUrl = await freshDatabase(options.adminDatabaseUrl, options.databaseName);
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

  // The load.
  const acks: Ack[] = [];
  let refused = 0;
  let stopping = false;
  const alive = () => nodes.filter((n) => n.child && n.child.exitCode === null);
  const pickNode = (i: number) => {
    const up = alive();
    return (up.length > 0 ? up : nodes)[i % Math.max(1, up.length)]!;
  };
  /** Sends one message until acknowledged, the same clientKey each time (a widget's outbox). */
  async function deliver(
    key: string,
    attempt: (node: Node) => Promise<Response>,
    prefer: number,
  ): Promise<void> {
    for (let tries = 0; ; tries++) {
      const node = pickNode(prefer + tries);
      try {
        const res = await attempt(node);
        if (res.status === 200 || res.status === 201) {
          const body = (await res.json()) as { message: { id: string } };
          acks.push({ key, messageId: body.message.id });
          return;
        }
        await res.text();
        refused += 1;
        if (res.status < 500 && res.status !== 429) return; // refused for good (e.g. closed)
      } catch {
        refused += 1; // connection refused or reset: the node is down or restarting
      }
      if (stopping && tries > 200) return;
      await sleep(100 + Math.random() * 200);
    }
  }
  const post = (node: Node, path: string, token: string, body: unknown) =>
    fetch(`${node.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  let sequence = 0;
  const visitorLoops = fixture.visitors.map(async (token, v) => {
    while (!stopping) {
      const key = `v${v}-${sequence++}-${randomUUID().slice(0, 8)}`;
      await deliver(
        key,
        (node) => post(node, '/api/v1/visitor/messages', token, { text: key, clientKey: key }),
        v,
      );
      await sleep(150 + Math.random() * 150);
    }
  });
  // Operators: a websocket each (presence), answers over HTTP.
  const sockets = new Set<WebSocket>();
  function holdSocket(o: number) {
    if (stopping) return;
    const node = pickNode(o);
    const ws = new WebSocket(
      `${node.url.replace('http', 'ws')}/api/v1/ws?token=${fixture.operators[o]!.token}`,
    );
    sockets.add(ws);
    ws.on('error', () => {});
    ws.on('close', () => {
      sockets.delete(ws);
      if (!stopping) setTimeout(() => holdSocket(o), 300);
    });
  }
  for (let o = 0; o < fixture.operators.length; o++) holdSocket(o);
  const operatorLoops = fixture.operators.map(async (op, o) => {
    while (!stopping) {
      const conversations = await store.db
        .selectFrom('conversations')
        .select('id')
        .where('operator_id', '=', op.id)
        .where('state', '=', 'assigned')
        .limit(5)
        .execute()
        .catch(() => []);
      const target = conversations[Math.floor(Math.random() * conversations.length)];
      if (target) {
        const key = `o${o}-${sequence++}-${randomUUID().slice(0, 8)}`;
        await deliver(
          key,
          (node) =>
            post(node, `/api/v1/conversations/${target.id}/messages`, op.token, {
              text: key,
              clientKey: key,
            }),
          o,
        );
      }
      await sleep(300 + Math.random() * 200);
    }
  });

  // Recovery: every node acknowledges a probe again.
  let probeCount = 0;
  async function recovered(since: number): Promise<number> {
    for (const node of nodes) {
      const token = fixture.probes[nodes.indexOf(node)]!;
      for (;;) {
        const key = `probe-${probeCount++}-${randomUUID().slice(0, 8)}`;
        const ok = await post(node, '/api/v1/visitor/messages', token, {
          text: key,
          clientKey: key,
        })
          .then(async (res) => {
            if (res.status !== 201) return false;
            const body = (await res.json()) as { message: { id: string } };
            acks.push({ key, messageId: body.message.id });
            return true;
          })
          .catch(() => false);
        if (ok) break;
        await sleep(100);
      }
    }
    return (Date.now() - since) / 1000;
  }

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
    recovery[name] = round(await recovered(ended), 2);
    log(`  recovered in ${recovery[name]} s; ${acks.length} acknowledged so far`);
    await sleep(sizes.settleMs);
  }

  stopping = true;
  for (const ws of sockets) ws.close();
  await Promise.all([...visitorLoops, ...operatorLoops]);
  log('load stopped; comparing acknowledgements with the tables');

  // What the clients were told, against the tables.
  const keys = acks.map((a) => a.key);
  const rows = await store.db
    .selectFrom('messages')
    .select(['id', 'client_key', 'text'])
    .where('client_key', 'in', keys.length > 0 ? keys : ['-'])
    .execute();
  const byKey = new Map<string, { id: string; text: string }[]>();
  for (const r of rows) {
    const list = byKey.get(r.client_key!) ?? [];
    list.push({ id: r.id, text: r.text });
    byKey.set(r.client_key!, list);
  }
  const texts = await store.db
    .selectFrom('messages')
    .select(['text'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', fixture.accountId)
    .groupBy('text')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  let lost = 0;
  let falseAcks = 0;
  for (const a of acks) {
    const found = byKey.get(a.key) ?? [];
    if (found.length === 0) lost += 1;
    else if (!found.some((f) => f.id === a.messageId && f.text === a.key)) falseAcks += 1;
  }

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
    acked: acks.length,
    lost,
    duplicated: texts.length,
    false_acks: falseAcks,
    crashed_nodes: crashed,
    recovery_s_max: Math.max(...Object.values(recovery)),
    recovery_s: recovery,
    refused,
  };
}

async function seed(services: Services, sizes: { visitors: number; operators: number }) {
  const accountId = newId();
  const system = { accountId, actor: { kind: 'system' as const } };
  const { result } = await perform(services, system, async (ctx) => {
    await createAccount(ctx, { name: 'Faults' });
    const channel = await createChannel(ctx, { kind: 'widget', name: 'site', priority: 1 });
    const operators: string[] = [];
    for (let i = 0; i < sizes.operators; i++) {
      const op = await createOperator(ctx, {
        email: `op${i}@faults.test`,
        name: `Operator ${i}`,
        password: null,
        role: 'operator',
        limit: 50,
      });
      operators.push(op.id);
    }
    const contacts: string[] = [];
    for (let i = 0; i < sizes.visitors + 2; i++)
      contacts.push(
        (await identifyContact(ctx, { channelId: channel.id, externalId: `visitor-${i}` })).id,
      );
    return { channelId: channel.id, operators, contacts };
  });
  const operators: { id: string; token: string }[] = [];
  for (const id of result.operators) {
    const scope = {
      accountId,
      actor: { kind: 'operator' as const, id, role: 'operator' as const },
    };
    const { result: token } = await perform(services, scope, (ctx) =>
      createApiToken(ctx, { name: 'faults' }),
    );
    await perform(services, scope, (ctx) =>
      setOperatorStatus(ctx, { operatorId: id, status: 'online' }),
    );
    operators.push({ id, token: token.token });
  }
  const tokens = result.contacts.map((contactId, i) =>
    signVisitorToken(
      SECRET,
      {
        accountId,
        channelId: result.channelId,
        contactId,
        visitorId: `visitor-${i}`,
      },
      { issuedAt: new Date(), seenAt: new Date() },
    ),
  );
  return {
    accountId,
    operators,
    visitors: tokens.slice(0, sizes.visitors),
    probes: tokens.slice(sizes.visitors),
  };
}

/** The `switchboard` database on the embedded server running in DATA_DIR (postmaster.pid line 4: the port). */
function embeddedUrl(dataDir: string): string {
  const port = Number(
    readFileSync(join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[3],
  );
  const password = readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const client = await connectAdmin(adminUrl);
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function terminateBackends(databaseUrl: string): Promise<void> {
  const client = await connectAdmin(databaseUrl);
  await client.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  await client.end();
}

/** A shared server may be at max_connections for a moment: try again. */
async function connectAdmin(url: string): Promise<pg.Client> {
  for (let tries = 0; ; tries++) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    try {
      await client.connect();
      return client;
    } catch (error) {
      if (tries >= 50) throw error;
      await sleep(200);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
