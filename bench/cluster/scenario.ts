// One cluster run from start to verdict, shared by `npm run bench -- cluster`
// and test/cluster/cluster.test.ts: fixture, nodes (and HAProxy), load with a
// node killed in the middle, then the comparison with the tables.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { type Kysely, sql } from 'kysely';
import { createMemoryBus } from '../../src/events/bus.js';
import { openStore } from '../../src/store/database.js';
import { latestEventId } from '../../src/store/queries/events.js';
import type { Database } from '../../src/store/schema.js';
import { type Counts, check } from './check.js';
import { buildFixture } from './fixture.js';
import { type LoadResult, runLoad } from './load.js';
import { startCluster } from './nodes.js';

export interface ScenarioOptions {
  databaseUrl: string;
  redisUrl: string;
  haproxy: string | null;
  nodes: number;
  operators: number;
  supervisors: number;
  teams: number;
  limit: number;
  conversations: number;
  arrivalsPerSecond: number;
  kill: boolean;
  chaos: boolean;
  drainStallMs: number;
  seed: number;
  log: (s: string) => void;
}

export interface ScenarioResult {
  line: Record<string, unknown>;
  counts: Counts;
}

export async function runScenario(o: ScenarioOptions): Promise<ScenarioResult> {
  const store = await openStore({ databaseUrl: o.databaseUrl, dataDir: 'memory://', poolSize: 4 });
  const services = {
    db: store.db,
    bus: createMemoryBus(),
    now: () => new Date(),
    random: Math.random,
  };
  const runId = randomBytes(6).toString('hex');
  const metricsToken = randomBytes(24).toString('base64url');
  try {
    o.log(`fixture: ${o.teams} teams, ${o.operators} operators, ${o.supervisors} supervisors`);
    const fixture = await buildFixture(services, {
      teams: o.teams,
      operators: o.operators,
      supervisors: o.supervisors,
      limit: o.limit,
    });
    const cluster = await startCluster({
      nodes: o.nodes,
      databaseUrl: o.databaseUrl,
      redisUrl: o.redisUrl,
      redisPrefix: `switchboard-cluster-${runId}`,
      secret: randomBytes(24).toString('base64url'),
      metricsToken,
      haproxy: o.haproxy,
      log: o.log,
    });
    o.log(
      `${o.nodes} nodes up (logs in ${cluster.dir}); ${cluster.balancer ? `HAProxy at ${cluster.balancer}` : 'no balancer: clients spread over the nodes'}`,
    );
    const victim = Math.min(1, o.nodes - 1);
    try {
      const cpuBefore = await nodesCpuSeconds(cluster.nodeUrls, metricsToken);
      const load = await runLoad({
        entry: cluster.entry,
        fixture,
        conversations: o.conversations,
        arrivalsPerSecond: o.arrivalsPerSecond,
        chaos: o.chaos,
        drainStallMs: o.drainStallMs,
        random: seeded(o.seed),
        log: o.log,
        openConversations: async () => {
          const { rows } = await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM conversations
            WHERE account_id = ${fixture.accountId} AND state <> 'closed'`.execute(store.db);
          return rows[0]!.n;
        },
        latestEventId: () => latestEventId(store.db, fixture.accountId),
        ...(o.kill
          ? {
              midpoint: async () => {
                const t = performance.now();
                o.log(`SIGKILL node${victim + 1}`);
                await cluster.kill(victim);
                await cluster.restart(victim);
                o.log(
                  `node${victim + 1} back after ${((performance.now() - t) / 1000).toFixed(1)} s`,
                );
              },
            }
          : {}),
      });
      // The nodes' CPU over the load, a steadier figure than latency on a
      // saturated machine (a killed node's counter starts again: not given then).
      const cpuAfter = await nodesCpuSeconds(cluster.nodeUrls, metricsToken);
      const nodesCpu =
        o.kill || cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      o.log(
        `load done in ${load.seconds.toFixed(1)} s: ${load.reconnects} reconnects, ${load.statusChanges} status changes, ${load.transfers} transfers`,
      );
      const counts = await check(store.db, fixture, load);
      const assign = await assignTiming(store.db, fixture.accountId, load.assignTimes);
      const conversations = await store.db
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', fixture.accountId)
        .executeTakeFirstOrThrow();
      const line = {
        bench: 'cluster',
        nodes: o.nodes,
        balancer: o.haproxy ? 'haproxy' : 'none',
        conversations: o.conversations,
        missed_events: counts.missed_events,
        duplicate_events: counts.duplicate_events,
        out_of_order: counts.out_of_order,
        lost_messages: counts.lost_messages,
        duplicate_messages: counts.duplicate_messages,
        double_assigned: counts.double_assigned,
        over_limit: counts.over_limit,
        stuck: counts.stuck,
        assign_to_socket_p50_ms: percentile(assign.fromCreation, 0.5),
        assign_to_socket_p99_ms: percentile(assign.fromCreation, 0.99),
        event_to_socket_p99_ms: percentile(load.eventLags, 0.99),
        send_to_socket_p50_ms: percentile(assign.fromSend, 0.5),
        send_to_socket_p99_ms: percentile(assign.fromSend, 0.99),
        assign_phases_ms: assign.phases,
        nodes_cpu_seconds: nodesCpu === null ? null : Math.round(nodesCpu * 10) / 10,
        operators: o.operators,
        // A visitor's follow-up that arrives after their conversation closed opens another.
        conversations_created: Number(conversations.n),
        entitled_events: counts.entitled_events,
        unexpected_events: counts.unexpected_events,
        events: counts.events,
        messages: counts.messages,
        reconnects: load.reconnects,
        resyncs: counts.resyncs,
        node_killed: o.kill,
        seconds: Math.round(load.seconds),
      };
      return { line, counts };
    } finally {
      await cluster.stop();
    }
  } finally {
    await store.close();
    await forgetRedis(o.redisUrl, `switchboard-cluster-${runId}`);
  }
}

/**
 * The assignment's latency. `fromCreation` is issue 14's figure: the
 * conversation's creation (the commit stamp of its `conversation.created`) →
 * `conversation.assigned` received on the assignee's socket. `fromSend` is
 * what the visitor lives through: from the opening message's first
 * transmission, so it adds the message's own way in. `phases` splits the
 * latter into its legs, p50 / p99 each (wall clocks of one machine).
 */
async function assignTiming(
  db: Kysely<Database>,
  accountId: string,
  times: LoadResult['assignTimes'],
) {
  const created = await db
    .selectFrom('events')
    .select(['conversation_id', 'created_at'])
    .where('account_id', '=', accountId)
    .where('type', '=', 'conversation.created')
    .execute();
  const createdAt = new Map(created.map((r) => [r.conversation_id, r.created_at.getTime()]));
  const fromCreation: number[] = [];
  const fromSend: number[] = [];
  const legs = {
    send_to_created: [] as number[],
    created_to_assigned: [] as number[],
    assigned_to_socket: [] as number[],
  };
  for (const [id, t] of times) {
    const c = createdAt.get(id);
    if (c === undefined) continue;
    fromCreation.push(t.seen - c);
    fromSend.push(t.seen - t.sent);
    legs.send_to_created.push(c - t.sent);
    legs.created_to_assigned.push(t.committed - c);
    legs.assigned_to_socket.push(t.seen - t.committed);
  }
  const phases = Object.fromEntries(
    Object.entries(legs).map(([k, v]) => [k, [percentile(v, 0.5), percentile(v, 0.99)]]),
  );
  return { fromCreation, fromSend, phases };
}

/** Σ of the nodes' process_cpu_seconds_total (their /metrics), or null if one does not answer. */
async function nodesCpuSeconds(urls: string[], token: string): Promise<number | null> {
  const values = await Promise.all(
    urls.map(async (url) => {
      const res = await fetch(`${url}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) return null;
      const line = (await res.text())
        .split('\n')
        .find((l) => l.startsWith('process_cpu_seconds_total '));
      return line ? Number(line.split(' ')[1]) : null;
    }),
  ).catch(() => null);
  if (!values || values.some((v) => v === null || !Number.isFinite(v))) return null;
  return (values as number[]).reduce((a, b) => a + b, 0);
}

/** Pub/sub leaves nothing behind; this only checks that no key of the run's prefix remains. */
async function forgetRedis(url: string, prefix: string) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Nothing to clean if Redis is gone.
  } finally {
    redis.disconnect();
  }
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return Math.round(v * 10) / 10;
}

/** mulberry32: the run's choices repeat for a seed (timing does not). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
