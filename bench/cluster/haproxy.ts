// HAProxy for the cluster bench and test: found or installed from Debian
// packages, then run in the foreground with deploy/haproxy.cfg rendered for
// this machine (the file's header says what changes).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const HAPROXY_CONFIG = join(import.meta.dirname, '..', '..', 'deploy', 'haproxy.cfg');
const CANDIDATES = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy', '/usr/bin/haproxy'];

export function findHaproxy(): string | null {
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** HAProxy's path, installing the Debian package when it is missing; null with the reason. */
export async function ensureHaproxy(
  log: (s: string) => void,
): Promise<{ path: string } | { path: null; reason: string }> {
  const found = findHaproxy();
  if (found) return { path: found };
  log('haproxy is not installed: apt-get install -y haproxy');
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['install', '-y', '-qq', 'haproxy'], { env }).catch(async () => {
      await run('apt-get', ['update', '-qq'], { env });
      await run('apt-get', ['install', '-y', '-qq', 'haproxy'], { env });
    });
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      path: null,
      reason: `could not install haproxy with apt-get (${why}); install it (apt-get install haproxy) or run without a balancer`,
    };
  }
  const installed = findHaproxy();
  return installed
    ? { path: installed }
    : { path: null, reason: 'apt-get ran but no haproxy binary was found' };
}

export interface HaproxyLayout {
  /** Where clients connect, e.g. 127.0.0.1:18080. */
  bind: string;
  /** The stats listener the harness reads backend states from. */
  stats: string;
  /** host:port of each node, in order: node1, node2, … */
  nodes: string[];
}

/** deploy/haproxy.cfg with this machine's addresses, without the deploy-only lines. */
export function renderHaproxyConfig(template: string, layout: HaproxyLayout): string {
  const out: string[] = [];
  let serversWritten = false;
  let inStats = false;
  for (const line of template.split('\n')) {
    if (/#\s*deploy-only\s*$/.test(line)) continue;
    const trimmed = line.trim();
    if (/^(listen|frontend|backend|global|defaults)\b/.test(trimmed))
      inStats = trimmed.startsWith('listen stats');
    const server = /^(\s*)server\s+\S+\s+\S+(.*)$/.exec(line);
    if (server) {
      if (serversWritten) continue;
      serversWritten = true;
      layout.nodes.forEach((address, i) => {
        out.push(`${server[1]}server node${i + 1} ${address}${server[2]}`);
      });
      continue;
    }
    const bind = /^(\s*)bind\s+\S+(.*)$/.exec(line);
    if (bind) {
      out.push(`${bind[1]}bind ${inStats ? layout.stats : layout.bind}${bind[2]}`);
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

export interface Haproxy {
  url: string;
  /** For an exit handler: ends HAProxy at once. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves when every node is UP (or, with `down`, that node is DOWN) in HAProxy's own view. */
  waitFor(state: { up: number[] } | { down: number }, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startHaproxy(
  binary: string,
  layout: HaproxyLayout,
  dir: string,
  log: (s: string) => void,
): Promise<Haproxy> {
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, renderHaproxyConfig(readFileSync(HAPROXY_CONFIG, 'utf8'), layout));
  // -db: stay in the foreground, so the harness owns the process.
  const child: ChildProcess = spawn(binary, ['-db', '-f', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    if (code) log(`haproxy exited with ${code}: ${stderr.trim().slice(-2000)}`);
  });

  async function states(): Promise<Map<string, string>> {
    const res = await fetch(`http://${layout.stats}/stats;csv`);
    const rows = (await res.text()).split('\n');
    const header = rows[0]!.replace(/^# /, '').split(',');
    const [px, sv, status] = ['pxname', 'svname', 'status'].map((c) => header.indexOf(c));
    const out = new Map<string, string>();
    for (const row of rows.slice(1)) {
      const cols = row.split(',');
      if (cols[px!] === 'nodes') out.set(cols[sv!]!, cols[status!]!);
    }
    return out;
  }

  async function waitFor(state: { up: number[] } | { down: number }, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`haproxy exited: ${stderr.trim()}`);
      const now = await states().catch(() => null);
      if (now) {
        const ok =
          'up' in state
            ? state.up.every((i) => now.get(`node${i + 1}`) === 'UP')
            : now.get(`node${state.down + 1}`)?.startsWith('DOWN');
        if (ok) return;
      }
      if (Date.now() > deadline)
        throw new Error(
          `haproxy: nodes not ${JSON.stringify(state)}: ${JSON.stringify(now && [...now])}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    url: `http://${layout.bind}`,
    kill: (signal) => child.kill(signal),
    waitFor,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
