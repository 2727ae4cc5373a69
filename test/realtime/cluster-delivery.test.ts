// The delivery contract across nodes (docs/realtime.md): every socket gets
// every event it may see exactly once, in seq order, whichever node committed
// it — while the bus reorders, drops, or goes away for a while.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Bus,
  type BusMessage,
  createMemoryBus,
  createRedisBus,
} from '../../src/events/bus.js';
import type { Store } from '../../src/store/database.js';
import {
  buildAccount,
  loginHeaders,
  openTestStore,
  redisUrl,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { startTcpProxy, type TcpProxy, throughProxy } from '../support/tcp-proxy.js';
import { type Disturbance, unreliable } from '../support/unreliable-bus.js';
import { connect, type TestSocket } from '../support/ws-client.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup.length = 0;
});

interface Cluster {
  nodes: TestServer[];
  store: Store;
  account: TestAccount;
}

/**
 * Nodes on one database, each with its own bus connection (Redis when
 * TEST_REDIS_URL is set, else one in-process bus), disturbed per node.
 */
async function startCluster(
  disturbances: Disturbance[],
  redis: string | null = redisUrl,
): Promise<Cluster> {
  const shared = await openTestStore();
  cleanup.push(() => shared.close());
  const memory = redis ? null : createMemoryBus();
  const nodes: TestServer[] = [];
  for (const disturbance of disturbances) {
    // Each node has its own pool on the one database, as in production.
    const store = await openTestStore();
    cleanup.push(() => store.close());
    let bus: Bus;
    if (redis) {
      bus = await createRedisBus(redis);
      cleanup.push(() => bus.close());
    } else bus = { ...memory!, node: randomUUID() };
    const node = await startTestServer({ store, bus: unreliable(bus, disturbance) });
    cleanup.push(() => node.close());
    nodes.push(node);
  }
  const account = await buildAccount(nodes[0]!.sb.services, {
    operators: [{ name: 'Sofia', role: 'supervisor', online: true }],
  });
  return { nodes, store: shared, account };
}

async function supervisorSocket(node: TestServer, account: TestAccount) {
  const headers = await loginHeaders(node.url, account.operator('Sofia'));
  const socket = await connect(`${node.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
  socket.send({ type: 'hello' });
  const ready = await socket.waitFor((m) => m.type === 'ready');
  return { socket, from: ready.lastSeq as number };
}

async function visitorWrites(node: TestServer, token: string, text: string) {
  const res = await fetch(`${node.url}/api/v1/visitor/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text, clientKey: randomUUID() }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { conversationId: string };
}

async function newestSeq(store: Store, accountId: string): Promise<number> {
  const row = await store.db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

const seqsOf = (socket: TestSocket) =>
  socket.events().map((e) => (e as unknown as { seq: number }).seq);

/**
 * The socket got every event after `from` up to the table's newest: once each,
 * in order. Later commits (waiting notices follow a routing pass in their own
 * transactions) may already be there too: then they continue the run.
 */
async function expectEverything(
  cluster: Cluster,
  { socket, from }: { socket: TestSocket; from: number },
) {
  const newest = await newestSeq(cluster.store, cluster.account.accountId);
  await socket.waitFor(
    (m) => m.type === 'event' && (m.event as { seq: number }).seq === newest,
    10_000,
  );
  const got = seqsOf(socket);
  expect(got.length).toBeGreaterThanOrEqual(newest - from);
  expect(got).toEqual(Array.from({ length: got.length }, (_, i) => from + i + 1));
  const ids = socket.events().map((e) => e.id);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
}

const carries = (text: string) => (m: BusMessage) =>
  m.kind === 'events' && JSON.stringify(m.events).includes(text);

// Several nodes in one process on a shared machine: slow, so generous timeouts.
describe(`delivery across nodes (${storeName}${redisUrl ? ' + redis' : ''})`, {
  timeout: 180_000,
}, () => {
  it('gives a socket on each of three nodes every event of concurrent commits once, in order', async () => {
    // The bus delivers other nodes' messages late and out of order, as a network may.
    const cluster = await startCluster([{ jitterMs: 30 }, { jitterMs: 30 }, { jitterMs: 30 }]);
    const { nodes, account } = cluster;
    const sockets = await Promise.all(nodes.map((n) => supervisorSocket(n, account)));
    await Promise.all(
      nodes.flatMap((node, n) =>
        Array.from({ length: 3 }, async (_, v) => {
          const { token } = await visitorSession(node.url, account.channels.widget!.publicKey);
          for (let i = 0; i < 3; i++)
            await visitorWrites(node, token, `node ${n} visitor ${v} #${i}`);
        }),
      ),
    );
    for (const s of sockets) await expectEverything(cluster, s);
    await Promise.all(sockets.map((s) => s.socket.close()));
  });

  it('reads an event the bus lost from the table when the next one shows the gap', async () => {
    const cluster = await startCluster([{}, { drop: carries('lost on the bus') }]);
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const watcher = await supervisorSocket(b, cluster.account);
    const { token } = await visitorSession(a.url, cluster.account.channels.widget!.publicKey);
    await visitorWrites(a, token, 'before');
    await visitorWrites(a, token, 'lost on the bus');
    await visitorWrites(a, token, 'after the loss');
    await expectEverything(cluster, watcher);
    expect(JSON.stringify(watcher.socket.received)).toContain('lost on the bus');
    expect(b.sb.realtime.stats().gapFills).toBeGreaterThan(0);
    await watcher.socket.close();
  });

  it('reads a lost event with nothing after it from the table', async () => {
    const cluster = await startCluster([{}, { drop: carries('last and lost') }]);
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const watcher = await supervisorSocket(b, cluster.account);
    const { token } = await visitorSession(a.url, cluster.account.channels.widget!.publicKey);
    await visitorWrites(a, token, 'first');
    await expectEverything(cluster, watcher);
    await visitorWrites(a, token, 'last and lost');
    await expectEverything(cluster, watcher);
    expect(JSON.stringify(watcher.socket.received)).toContain('last and lost');
    await watcher.socket.close();
  });

  it.runIf(redisUrl)('misses nothing while Redis is away and after it is back', async () => {
    const target = new URL(redisUrl!);
    const proxy: TcpProxy = await startTcpProxy({
      host: target.hostname,
      port: Number(target.port || 6379),
    });
    cleanup.push(() => proxy.close());
    const cluster = await startCluster([{}, {}], throughProxy(redisUrl!, proxy));
    const [a, b] = cluster.nodes as [TestServer, TestServer];
    const watcher = await supervisorSocket(b, cluster.account);
    const { token } = await visitorSession(b.url, cluster.account.channels.widget!.publicKey);
    const visitor = await connect(
      `${b.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(token)}`,
    );
    visitor.send({ type: 'hello' });
    await visitor.waitFor((m) => m.type === 'ready');
    await visitorWrites(a, token, 'before the outage');
    await expectEverything(cluster, watcher);
    proxy.drop();
    for (let i = 0; i < 3; i++) await visitorWrites(a, token, `during the outage ${i}`);
    proxy.restore();
    await expectEverything(cluster, watcher);
    await visitorWrites(a, token, 'after the outage');
    await expectEverything(cluster, watcher);
    // The visitor's own view has each of their messages once, in order.
    await visitor.waitFor((m) => JSON.stringify(m).includes('after the outage'), 10_000);
    const texts = visitor
      .events()
      .filter((e) => e.type === 'message.created')
      .map((e) => (e.payload.message as { text: string }).text);
    expect(texts).toEqual([
      'before the outage',
      'during the outage 0',
      'during the outage 1',
      'during the outage 2',
      'after the outage',
    ]);
    await Promise.all([watcher.socket.close(), visitor.close()]);
  });
});
