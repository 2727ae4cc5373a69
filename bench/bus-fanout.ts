// `npm run bench -- bus-fanout [nodes] [accounts] [nodesPerAccount] [eventsPerAccount]`
// Real Redis (REDIS_URL, default 127.0.0.1:6379): nodes publish events of many
// accounts on per-account channels; each node follows only the accounts with
// sockets on it. Prints how many messages the nodes received, against the one
// shared channel of before (every node hears every other node's commit), and
// the publish-to-receipt latency.
import { randomUUID } from 'node:crypto';
import { type Bus, createRedisBus } from '../src/events/bus.js';
import type { StoredEvent } from '../src/events/catalog.js';

export async function main(args: string[]) {
  const [nodes = 10, accounts = 500, perAccount = 2, eventsPerAccount = 20] = args.map(Number);
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench:${randomUUID().slice(0, 8)}`;
  const buses: Bus[] = [];
  for (let i = 0; i < nodes; i++) buses.push(await createRedisBus(url, prefix));
  const accountIds = Array.from({ length: accounts }, () => randomUUID());
  // Each account's sockets sit on `perAccount` nodes (a load balancer spreads them).
  for (const [a, accountId] of accountIds.entries())
    for (let k = 0; k < perAccount; k++) await buses[(a + k) % nodes]!.follow(accountId);
  const latencies: number[] = [];
  for (const bus of buses)
    bus.subscribe((m) => {
      if (m.kind === 'events' && m.node !== bus.node)
        latencies.push(performance.now() - Number(m.events[0]!.at));
    });
  let published = 0;
  for (let round = 0; round < eventsPerAccount; round++) {
    await Promise.all(
      accountIds.map((accountId, a) => {
        const from = buses[(a * 7 + round) % nodes]!;
        const e = {
          id: round,
          seq: round + 1,
          accountId,
          at: String(performance.now()),
          type: 'team.updated',
          audience: 'account',
          conversationId: null,
          payload: {},
          route: null,
        } as unknown as StoredEvent;
        published += 1;
        return from.publish({ kind: 'events', node: from.node, events: [e] });
      }),
    );
  }
  const expected = accountIds.length * eventsPerAccount;
  const deadline = Date.now() + 10_000;
  const received = () => buses.reduce((n, b) => n + b.stats().received, 0);
  let last = -1;
  while (Date.now() < deadline && received() !== last) {
    last = received();
    await new Promise((r) => setTimeout(r, 200));
  }
  latencies.sort((x, y) => x - y);
  const pct = (p: number) =>
    Math.round(latencies[Math.floor((latencies.length - 1) * p)]! * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'bus-fanout',
      nodes,
      accounts,
      nodesPerAccount: perAccount,
      published,
      received_per_account_channels: received(),
      received_one_channel: expected * (nodes - 1),
      per_node_max: Math.max(...buses.map((b) => b.stats().received)),
      latency_p50_ms: pct(0.5),
      latency_p99_ms: pct(0.99),
    }),
  );
  await Promise.all(buses.map((b) => b.close()));
}
