// A node survives its database (issue 13): connections terminated by the
// server, the database gone, a connection that silently drops bytes, and a
// node cut off while its operators are still connected to it. Real PostgreSQL
// (TEST_DATABASE_URL), reached through a TCP proxy the test controls.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_TIMEOUTS } from '../../src/config.js';
import {
  buildAccount,
  databaseUrl,
  loginHeaders,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { startTcpProxy, type TcpProxy, throughProxy } from '../support/tcp-proxy.js';
import { connect } from '../support/ws-client.js';

let proxy: TcpProxy;
let node: TestServer;
let direct: TestServer;

beforeAll(async () => {
  if (!databaseUrl) return;
  const u = new URL(databaseUrl);
  proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
  // The direct node migrates the database; the proxied one is the node under test.
  direct = await startTestServer({ config: { offlineGraceMs: 1_000 } });
  node = await startTestServer({
    config: {
      databaseUrl: throughProxy(databaseUrl, proxy),
      databaseWaitMs: 1_500,
      offlineGraceMs: 1_000,
      database: { ...DEFAULT_DATABASE_TIMEOUTS, connectMs: 1_000, statementMs: 1_000 },
    },
  });
});
afterAll(async () => {
  proxy?.restore();
  await node?.close();
  await direct?.close();
  await proxy?.close();
});

async function until<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 1_000; i++) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never: ${what}`);
}

async function post(url: string, path: string, token: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function get(url: string, path: string) {
  const res = await fetch(`${url}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function visitor(account: TestAccount) {
  return visitorSession(node.url, account.channels.widget!.publicKey);
}

const send = (token: string, clientKey: string) =>
  post(node.url, '/api/v1/visitor/messages', token, { text: `hello ${clientKey}`, clientKey });

async function stored(clientKey: string): Promise<number> {
  const rows = await direct.sb.services.db
    .selectFrom('messages')
    .select('id')
    .where('client_key', '=', clientKey)
    .execute();
  return rows.length;
}

async function terminateEveryConnection() {
  const admin = new pg.Client({ connectionString: databaseUrl! });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!databaseUrl)('surviving the database (postgres)', () => {
  it('survives pg_terminate_backend of every connection, idle and mid-burst', async () => {
    const account = await buildAccount(direct.sb.services);
    const v = await visitor(account);
    expect((await send(v.token, 'warm')).status).toBe(201);
    expect(await terminateEveryConnection()).toBeGreaterThan(0);
    // Idle connections died: the next send opens fresh ones.
    expect(
      await until(
        'a send after the purge',
        async () => (await send(v.token, 'after')).status === 201 && 201,
      ),
    ).toBe(201);

    const others = await Promise.all(Array.from({ length: 8 }, () => visitor(account)));
    const burst = others.flatMap((o, i) =>
      Array.from({ length: 5 }, (_, k) =>
        send(o.token, `burst-${i}-${k}`).then((r) => ({ r, key: `burst-${i}-${k}` })),
      ),
    );
    await terminateEveryConnection();
    const results = await Promise.all(burst);
    for (const { r, key } of results) {
      // Acknowledged and stored, or refused as unavailable — never a 500, never a false ack.
      if (r.status === 201) expect(await stored(key)).toBe(1);
      else
        expect(r).toMatchObject({ status: 503, body: { error: { code: 'database_unavailable' } } });
    }
    expect((await get(node.url, '/api/health')).status).toBe(200);
    await until('ready again', async () => (await get(node.url, '/api/ready')).status === 200);
  });

  it('keeps sockets open while the database is gone, answers 503 database_unavailable, and recovers by itself', async () => {
    const account = await buildAccount(direct.sb.services, {
      operators: [{ name: 'Vera', online: true }],
    });
    const v = await visitor(account);
    const first = await send(v.token, 'before');
    expect(first.status).toBe(201);
    const conversationId = first.body.conversationId as string;
    await direct.sb.router.route(account.accountId);
    const headers = await loginHeaders(node.url, account.operator('Vera'));
    const socket = await connect(`${node.wsUrl}/api/v1/ws`, { cookie: headers.cookie });

    proxy.drop();
    try {
      expect((await get(node.url, '/api/health')).body).toMatchObject({ status: 'ok' });
      const ready = await get(node.url, '/api/ready');
      expect(ready).toMatchObject({ status: 503, body: { checks: { database: 'unavailable' } } });
      const refused = await send(v.token, 'during');
      expect(refused).toMatchObject({
        status: 503,
        body: { error: { code: 'database_unavailable', field: null } },
      });
      socket.send({
        type: 'send',
        conversationId,
        text: 'reply while away',
        clientKey: 'ws-during',
      });
      const frame = await socket.waitFor(
        (m) => m.type === 'error' && m.clientKey === 'ws-during',
        10_000,
      );
      expect(frame).toMatchObject({ error: { code: 'database_unavailable' } });
    } finally {
      proxy.restore();
    }
    // Nothing was written while it was away.
    expect(await stored('during')).toBe(0);
    expect(await stored('ws-during')).toBe(0);
    // Back by itself: the same socket, the same client.
    await until(
      'a send after recovery',
      async () => (await send(v.token, 'during')).status === 201,
    );
    socket.send({ type: 'send', conversationId, text: 'reply after', clientKey: 'ws-after' });
    await socket.waitFor((m) => m.type === 'ack' && m.clientKey === 'ws-after', 10_000);
    await until('ready', async () => (await get(node.url, '/api/ready')).status === 200);
    await socket.close();
  });

  it('notices connections that silently drop bytes and carries on with fresh ones', async () => {
    const account = await buildAccount(direct.sb.services);
    const v = await visitor(account);
    expect((await send(v.token, 'warm-half')).status).toBe(201);
    proxy.halfOpen();
    await until(
      'a send past the dead connections',
      async () => (await send(v.token, 'half')).status === 201,
    );
    expect(await stored('half')).toBe(1);
  });

  it('takes a cut-off node’s operators offline within the grace, from another node', async () => {
    const account = await buildAccount(direct.sb.services, {
      operators: [{ name: 'Boris', online: true }],
    });
    const boris = account.operator('Boris').id;
    const headers = await loginHeaders(node.url, account.operator('Boris'));
    const socket = await connect(`${node.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
    await until('presence recorded', async () => {
      const row = await direct.sb.services.db
        .selectFrom('operator_presence')
        .select('connections')
        .where('operator_id', '=', boris)
        .executeTakeFirst();
      return row?.connections === 1;
    });
    proxy.drop();
    try {
      // The node's heartbeat cannot reach the database; the direct node lets Boris go.
      await until('Boris offline', async () => {
        const op = await direct.sb.services.db
          .selectFrom('operators')
          .select('status')
          .where('id', '=', boris)
          .executeTakeFirstOrThrow();
        return op.status === 'offline';
      });
    } finally {
      proxy.restore();
    }
    await socket.close();
  });
});
