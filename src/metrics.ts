// Prometheus metrics of this process — one node of a cluster (docs/deploy.md
// § Monitoring). Counters and histograms are named exports that the code they
// measure increments; what only the database knows (queue, deliveries) is read
// when Prometheus scrapes. Labels are bounded: route patterns, never raw URLs;
// the accounts with the longest queues, never every account.
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Bus } from './events/bus.js';
import { databaseErrors, deadlockRetries, unavailableFailures } from './store/resilience.js';
import type { Database } from './store/schema.js';

/** Everything this process measures itself (the store gauges join it per scrape). */
export const registry = new Registry();

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  socketsOpen: new Gauge({
    name: 'switchboard_websockets_open',
    help: 'Websockets open on this node',
    labelNames: ['kind'] as const,
    registers: [registry],
  }),
  eventsPublished: new Counter({
    name: 'switchboard_events_published_total',
    help: 'Events committed by this node and published on the bus',
    registers: [registry],
  }),
  eventsDelivered: new Counter({
    name: 'switchboard_events_delivered_total',
    help: 'Event frames this node sent to websockets',
    registers: [registry],
  }),
  gapFills: new Counter({
    name: 'switchboard_gap_fills_total',
    help: "Gaps in an account's event order that this node filled by reading the events table",
    registers: [registry],
  }),
  busEventAge: new Histogram({
    name: 'switchboard_bus_event_age_seconds',
    help: "Age of an event when the bus hands it to this node, from its transaction's timestamp (source: local = committed here, remote = another node)",
    labelNames: ['source'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  routingPasses: new Counter({
    name: 'switchboard_routing_passes_total',
    help: 'Routing passes run by this node',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
  routingPassDuration: new Histogram({
    name: 'switchboard_routing_pass_duration_seconds',
    help: 'Duration of one routing pass (one transaction under the account routing lock)',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  messageBatch: new Histogram({
    name: 'switchboard_message_batch_seconds',
    help: 'Group commit of messages: how long a message waited for its batch (wait) and how long the batch took to commit (write)',
    labelNames: ['phase'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  deliveryAttempts: new Counter({
    name: 'switchboard_outbound_delivery_attempts_total',
    help: 'Outbound delivery attempts made by this node, by the state they left the delivery in',
    labelNames: ['target', 'state'] as const,
    registers: [registry],
  }),
  httpDuration: new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
};

// The store's own counts (src/store/resilience.ts), read at each scrape.
for (const [name, help, read] of [
  [
    'switchboard_deadlock_retries_total',
    'Transactions retried after a deadlock or serialization failure (the lock order should keep this at 0)',
    deadlockRetries,
  ],
  ['switchboard_database_errors_total', 'Database connections lost or refused', databaseErrors],
  [
    'switchboard_database_unavailable_total',
    'Requests answered database_unavailable after waiting for the database',
    unavailableFailures,
  ],
] as const)
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });

let defaultsOn = false;
/** Node's own metrics (event-loop lag, heap, GC, CPU), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry });
}

/** Counts this node's published events and times every event the bus hands it. */
export function watchBus(bus: Bus): () => void {
  return bus.subscribe((message) => {
    if (message.kind !== 'events') return;
    const local = message.node === bus.node;
    if (local) metrics.eventsPublished.inc(message.events.length);
    const now = Date.now();
    for (const e of message.events)
      metrics.busEventAge.observe(
        { source: local ? 'local' : 'remote' },
        Math.max(0, now - Date.parse(e.at)) / 1000,
      );
  });
}

/** Times every response by its route pattern (`/api/v1/conversations/:id`), not its URL. */
export function timeHttp(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}

/** Accounts named in the queue gauges; the rest are summed under `_other`. */
export const QUEUE_TOP_ACCOUNTS = 20;

/**
 * Gauges read from the database at scrape time. They describe the whole
 * installation (every node reports the same values): aggregate them with max().
 */
export function storeRegistry(db: Kysely<Database>, topAccounts = QUEUE_TOP_ACCOUNTS): Registry {
  const store = new Registry();
  // Both queue gauges come from one query: prom-client collects metrics
  // concurrently, so the second collect joins the read the first one started.
  let reading: Promise<{ account: string; n: number; wait: number }[]> | null = null;
  const readQueue = () => {
    reading ??= queueByAccount(db, topAccounts).finally(() => {
      reading = null;
    });
    return reading;
  };
  new Gauge({
    name: 'switchboard_queue_length',
    help: `Conversations waiting in the queue, for the ${QUEUE_TOP_ACCOUNTS} accounts with the most (the rest as account="_other")`,
    labelNames: ['account'] as const,
    registers: [store],
    async collect() {
      const rows = await readQueue();
      this.reset();
      for (const r of rows) this.set({ account: r.account }, r.n);
    },
  });
  new Gauge({
    name: 'switchboard_queue_oldest_wait_seconds',
    help: 'Wait of the longest-waiting queued conversation, for the same accounts as switchboard_queue_length',
    labelNames: ['account'] as const,
    registers: [store],
    async collect() {
      const rows = await readQueue();
      this.reset();
      for (const r of rows) this.set({ account: r.account }, r.wait);
    },
  });
  new Gauge({
    name: 'switchboard_outbound_deliveries',
    help: 'Outbound deliveries not sent yet, by state (pending, failed = waiting for a retry, dead = given up)',
    labelNames: ['state'] as const,
    registers: [store],
    async collect() {
      this.reset();
      for (const state of ['pending', 'failed', 'dead']) this.set({ state }, 0);
      const { rows } = await sql<{ status: string; n: number }>`
        SELECT status, count(*)::int AS n FROM deliveries
        WHERE status IN ('pending', 'failed', 'dead') GROUP BY status`.execute(db);
      for (const r of rows) this.set({ state: r.status }, r.n);
    },
  });
  return store;
}

/** Queue length and oldest wait of the accounts with the longest queues, the rest summed. */
async function queueByAccount(db: Kysely<Database>, top: number) {
  const { rows } = await sql<{ account_id: string; n: number; oldest: Date | string }>`
    SELECT account_id, count(*)::int AS n, min(coalesce(queued_at, created_at)) AS oldest
    FROM conversations WHERE state = 'queued' GROUP BY account_id`.execute(db);
  rows.sort((a, b) => b.n - a.n);
  const now = Date.now();
  const waitOf = (r: { oldest: Date | string }) =>
    Math.max(0, now - new Date(r.oldest).getTime()) / 1000;
  const out = rows.slice(0, top).map((r) => ({ account: r.account_id, n: r.n, wait: waitOf(r) }));
  const rest = rows.slice(top);
  if (rest.length > 0)
    out.push({
      account: '_other',
      n: rest.reduce((sum, r) => sum + r.n, 0),
      wait: Math.max(...rest.map(waitOf)),
    });
  return out;
}
