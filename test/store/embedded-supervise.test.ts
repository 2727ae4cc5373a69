// The embedded PostgreSQL is supervised: a kill -9 of the server (not of
// Switchboard) is logged, the server is started again on the same data and
// port, and the node recovers by itself. Clients retry refused sends with the
// same clientKey, as the widget does; every acknowledged message is stored
// exactly once.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processExists } from '../../src/store/data-dir-lock.js';
import { launchSwitchboard } from '../support/switchboard-process.js';

/** postmaster.pid: line 1 the pid, line 4 the port. */
function postmaster(dataDir: string): { pid: number; port: number } {
  const lines = readFileSync(join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

async function waitFor(condition: () => boolean | Promise<boolean>) {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 50));
}

describe('the embedded PostgreSQL under supervision', () => {
  let dataDir: string;
  let child: ChildProcess | null = null;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-supervise-'));
    // As root the server runs as user postgres, which must reach DATA_DIR.
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a kill -9ed server on the same port; the node keeps running, refuses only with 503 database_unavailable meanwhile and recovers; every acknowledged message is stored once', async () => {
    const node = await launchSwitchboard(dataDir, {
      DB_UNAVAILABLE_WAIT_MS: '1000',
      DB_CONNECT_TIMEOUT_MS: '1000',
    });
    child = node.child;
    const { url } = node;
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const ready = () =>
      fetch(`${url}/api/ready`)
        .then((r) => r.status === 200)
        .catch(() => false);
    await waitFor(async () => {
      if (exited) throw new Error(`switchboard exited:\n${node.output()}`);
      return ready();
    });
    const widgetKey = /"widgetKey":"([^"]+)"/.exec(node.output())![1]!;
    const session = await fetch(`${url}/api/v1/widget/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channelKey: widgetKey }),
    }).then((r) => r.json() as Promise<{ token: string }>);

    const acked = new Map<string, string>();
    const statuses = new Set<number>();
    /** Sends one message until acknowledged, retrying 503s with the same clientKey. */
    async function send(i: number) {
      const text = `supervised ${i}`;
      for (;;) {
        const res = await fetch(`${url}/api/v1/visitor/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
          body: JSON.stringify({ text, clientKey: `s${i}` }),
        });
        statuses.add(res.status);
        const body = (await res.json()) as {
          message?: { id: string };
          error?: { code: string };
        };
        if (res.status === 201) {
          acked.set(text, body.message!.id);
          return;
        }
        expect(res.status).toBe(503);
        expect(body.error!.code).toBe('database_unavailable');
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    for (let i = 0; i < 10; i++) await send(i);
    const before = postmaster(dataDir);
    process.kill(before.pid, 'SIGKILL');
    await waitFor(() => !processExists(before.pid));
    for (let i = 10; i < 40; i++) await send(i);

    // The same node, a new server on the same port, ready again.
    expect(exited).toBe(false);
    await waitFor(ready);
    const after = postmaster(dataDir);
    expect(after.pid).not.toBe(before.pid);
    expect(after.port).toBe(before.port);
    expect(node.output()).toContain('embedded PostgreSQL exited unexpectedly');
    expect(node.output()).toContain('embedded PostgreSQL restarted');

    const client = new pg.Client({
      host: '127.0.0.1',
      port: after.port,
      user: 'postgres',
      password: readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim(),
      database: 'switchboard',
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; text: string }>(
        "SELECT id, text FROM messages WHERE text LIKE 'supervised %'",
      );
      expect(rows).toHaveLength(40);
      for (const row of rows) expect(acked.get(row.text)).toBe(row.id);
    } finally {
      await client.end();
    }
  }, 240_000);
});
