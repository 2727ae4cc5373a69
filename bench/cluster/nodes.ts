// A real cluster on this machine: N `switchboard start` processes on one
// PostgreSQL and one Redis, each on its own port, behind HAProxy when it is
// installed (otherwise clients spread over the nodes themselves). Nodes can be
// killed with SIGKILL and started again on the same port.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../args.js';
import { type Haproxy, startHaproxy } from './haproxy.js';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'switchboard.js');

export interface ClusterOptions {
  nodes: number;
  databaseUrl: string;
  redisUrl: string;
  /** Bus channels of this run only: other runs and tests on the same Redis are not heard. */
  redisPrefix: string;
  secret: string;
  metricsToken: string;
  /** HAProxy's binary, or null to let clients connect to the nodes directly. */
  haproxy: string | null;
  log: (s: string) => void;
  /** Extra environment for every node. */
  env?: Record<string, string>;
}

export interface Cluster {
  /** The balancer's URL, or null without one. */
  balancer: string | null;
  nodeUrls: string[];
  /** The base URL for the next connection: the balancer, or the next node in turn. */
  entry(): string;
  /** Folder with each node's log (and the rendered haproxy.cfg). */
  dir: string;
  kill(i: number): Promise<void>;
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-cluster-'));
  const ports = await Promise.all(Array.from({ length: o.nodes }, () => freePort()));
  const [lbPort, statsPort] = [await freePort(), await freePort()];
  const nodeUrls = ports.map((p) => `http://127.0.0.1:${p}`);
  const publicUrl = o.haproxy ? `http://127.0.0.1:${lbPort}` : nodeUrls[0]!;
  const children: (ChildProcess | null)[] = ports.map(() => null);
  const logs: WriteStream[] = ports.map((_, i) =>
    createWriteStream(join(dir, `node${i + 1}.log`), { flags: 'a' }),
  );

  async function launch(i: number) {
    // CLUSTER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": Node options for the nodes only.
    const nodeArgs = process.env.CLUSTER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, CLI, 'start'], {
      env: {
        ...process.env,
        ...o.env,
        PORT: String(ports[i]),
        HOST: '127.0.0.1',
        PUBLIC_URL: publicUrl,
        DATABASE_URL: o.databaseUrl,
        REDIS_URL: o.redisUrl,
        REDIS_PREFIX: o.redisPrefix,
        SECRET: o.secret,
        METRICS_TOKEN: o.metricsToken,
        DATA_DIR: join(dir, 'data'),
        SWITCHBOARD_DEMO: '0',
        LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn',
        // The balancer (and, standing in for visitors' own addresses, the load
        // generator on this machine) name the client in X-Forwarded-For.
        TRUST_PROXY: 'loopback',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(logs[i]!, { end: false });
    child.stderr!.pipe(logs[i]!, { end: false });
    children[i] = child;
    await waitHealthy(nodeUrls[i]!, child, join(dir, `node${i + 1}.log`));
  }

  // Whatever happens to this process, its nodes and balancer go with it.
  const orphans = () => {
    for (const child of children) if (child && child.exitCode === null) child.kill('SIGKILL');
    balancerChild?.kill('SIGKILL');
  };
  let balancerChild: { kill(signal: NodeJS.Signals): void } | null = null;
  process.once('exit', orphans);
  await Promise.all(ports.map((_, i) => launch(i)));
  let balancer: Haproxy | null = null;
  if (o.haproxy) {
    balancer = await startHaproxy(
      o.haproxy,
      {
        bind: `127.0.0.1:${lbPort}`,
        stats: `127.0.0.1:${statsPort}`,
        nodes: ports.map((p) => `127.0.0.1:${p}`),
      },
      dir,
      o.log,
    );
    balancerChild = balancer;
    await balancer.waitFor({ up: ports.map((_, i) => i) });
  }

  let turn = 0;
  return {
    balancer: balancer?.url ?? null,
    nodeUrls,
    dir,
    entry() {
      if (balancer) return balancer.url;
      turn = (turn + 1) % nodeUrls.length;
      return nodeUrls[turn]!;
    },
    async kill(i) {
      const child = children[i];
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      children[i] = null;
      if (balancer) await balancer.waitFor({ down: i });
    },
    async restart(i) {
      await launch(i);
      if (balancer) await balancer.waitFor({ up: [i] });
    },
    async stop() {
      process.off('exit', orphans);
      await balancer?.stop();
      await Promise.all(
        children.map(async (child) => {
          if (!child || child.exitCode !== null) return;
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }),
      );
      for (const l of logs) l.end();
    },
  };
}

async function waitHealthy(url: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`node ${url} exited with ${child.exitCode}; see ${logFile}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`node ${url} did not become healthy; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
