// The one-command start with real processes: `switchboard start` without
// DATABASE_URL runs its own PostgreSQL in DATA_DIR. A second Switchboard on the
// same DATA_DIR is refused; after a kill -9 (which leaves the PostgreSQL child
// running) the next start takes the data back with every acknowledged message.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processExists } from '../../src/store/data-dir-lock.js';
import { launchSwitchboard, type SwitchboardProcess } from '../support/switchboard-process.js';

type Node = SwitchboardProcess;
const launch = (dataDir: string) => launchSwitchboard(dataDir);

async function healthy(node: Node): Promise<void> {
  let gone = false;
  void node.exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`switchboard exited:\n${node.output()}`);
    const ok = await fetch(`${node.url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The embedded server's own connection details, as DATA_DIR records them. */
function embeddedClient(dataDir: string): pg.Client {
  const port = Number(
    readFileSync(join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[3],
  );
  const password = readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim();
  return new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'switchboard',
  });
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Top-level entries of DATA_DIR with size and mtime (the server's own folder aside). */
function snapshot(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => name !== 'postgres' && name !== 'postgres.log')
    .map((name) => {
      const s = statSync(join(dataDir, name));
      return `${name} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

async function waitFor(condition: () => boolean) {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
}

describe('the embedded PostgreSQL across processes', () => {
  let dataDir: string;
  const running: Node[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-restart-'));
    // As root the server runs as user postgres, which must reach DATA_DIR.
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    for (const node of running) {
      if (node.child.exitCode === null && node.child.signalCode === null) {
        node.child.kill('SIGTERM');
        await node.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second Switchboard on the same DATA_DIR, names the first and writes nothing; after kill -9 the next start has every acknowledged message and one demo account', async () => {
    const first = await launch(dataDir);
    running.push(first);
    await healthy(first);
    expect(first.output()).toContain('demo account created');
    const widgetKey = /"widgetKey":"([^"]+)"/.exec(first.output())![1]!;

    // A second start on the same folder is refused and changes nothing there.
    const before = snapshot(dataDir);
    const second = await launch(dataDir);
    running.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`in use by another Switchboard (process ${first.child.pid})`);
    expect(snapshot(dataDir)).toEqual(before);
    await healthy(first);

    // A visitor writes; Switchboard is killed mid-burst.
    const session = await fetch(`${first.url}/api/v1/widget/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channelKey: widgetKey }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const acked: string[] = [];
    for (let i = 0; i < 50; i++) {
      if (i === 20) first.child.kill('SIGKILL');
      const text = `before the crash ${i}`;
      const res = await fetch(`${first.url}/api/v1/visitor/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ text, clientKey: `k${i}` }),
      }).catch(() => null);
      if (res?.status === 201) acked.push(text);
      if (!res) break;
    }
    await first.exited;
    expect(acked.length).toBeGreaterThanOrEqual(20);
    // kill -9 leaves the PostgreSQL child running on the data.
    const orphan = postmasterPid(dataDir);
    expect(processExists(orphan)).toBe(true);

    // The next start takes the data back.
    const third = await launch(dataDir);
    running.push(third);
    await healthy(third);
    expect(third.output()).not.toContain('demo account created');
    expect(processExists(orphan)).toBe(false);
    const client = embeddedClient(dataDir);
    await client.connect();
    try {
      const accounts = await client.query('SELECT name FROM accounts');
      expect(accounts.rows).toEqual([{ name: 'Demo Shop' }]);
      const { rows } = await client.query<{ text: string; n: number }>(
        "SELECT text, count(*)::int AS n FROM messages WHERE text LIKE 'before the crash %' GROUP BY text",
      );
      const stored = new Map(rows.map((r) => [r.text, r.n]));
      for (const text of acked) expect(stored.get(text)).toBe(1);
    } finally {
      await client.end();
    }

    // SIGTERM stops Switchboard and its PostgreSQL.
    const server = postmasterPid(dataDir);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    await waitFor(() => !processExists(server));
    expect(readdirSync(dataDir)).not.toContain('switchboard.lock');
  }, 240_000);
});
