// `npm run bench -- bus-fanout [nodes] [accounts] [nodesPerAccount] [eventsPerAccount] [--transports redis,nats]`
// Nodes publish events of many accounts on per-account channels; each node
// follows only the accounts with sockets on it. For each transport, in the same
// run: how many messages the nodes received (against the one shared channel of
// before, where every node hears every other node's commit), the
// publish-to-receipt latency of bursts, the throughput of a flood, and the CPU
// the nodes and the broker spent per 1,000 received messages.
//
// redis: Switchboard's own bus (src/events/bus.ts) on REDIS_URL (default
// 127.0.0.1:6379). nats: the same messages, JSON as on Redis, on subjects
// `<prefix>.<account>` of a NATS server (NATS_URL, default 127.0.0.1:4222)
// through the official client (bench/_nats-bus.ts) — the candidate of
// docs/architecture.md "Per-account channels, and scaling out".

import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Bus, createRedisBus } from '../src/events/bus.js';
import type { StoredEvent } from '../src/events/catalog.js';
import { createNatsBus } from './_nats-bus.js';

type Transport = 'redis' | 'nats';

interface Sizes {
  nodes: number;
  accounts: number;
  perAccount: number;
  eventsPerAccount: number;
}

export async function main(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { transports: { type: 'string', default: 'redis' } },
  });
  const [nodes = 10, accounts = 500, perAccount = 2, eventsPerAccount = 20] =
    positionals.map(Number);
  const sizes = { nodes, accounts, perAccount, eventsPerAccount };
  for (const transport of values.transports!.split(',') as Transport[]) {
    if (transport !== 'redis' && transport !== 'nats')
      throw new Error(`--transports: unknown transport ${transport} (redis, nats)`);
    console.log(JSON.stringify(await run(transport, sizes)));
  }
}

async function connect(transport: Transport, prefix: string): Promise<Bus> {
  if (transport === 'redis')
    return createRedisBus(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
  return createNatsBus(process.env.NATS_URL ?? '127.0.0.1:4222', prefix);
}

async function run(transport: Transport, s: Sizes) {
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const buses: Bus[] = [];
  for (let i = 0; i < s.nodes; i++) buses.push(await connect(transport, prefix));
  const accountIds = Array.from({ length: s.accounts }, () => randomUUID());
  // Each account's sockets sit on `perAccount` nodes (a load balancer spreads them).
  for (const [a, accountId] of accountIds.entries())
    for (let k = 0; k < s.perAccount; k++) await buses[(a + k) % s.nodes]!.follow(accountId);
  const latencies: number[] = [];
  let measuring = true;
  for (const bus of buses)
    bus.subscribe((m) => {
      if (measuring && m.kind === 'events' && m.node !== bus.node)
        latencies.push(performance.now() - Number(m.events[0]!.at));
    });
  const received = () => buses.reduce((n, b) => n + b.stats().received, 0);
  const publishRound = (round: number) =>
    Promise.all(
      accountIds.map((accountId, a) => {
        const from = buses[(a * 7 + round) % s.nodes]!;
        return from.publish({ kind: 'events', node: from.node, events: [event(accountId, round)] });
      }),
    );

  // Bursts: every account commits once per round, from rotating nodes; the
  // next round starts when every follower has this one.
  const followersElsewhere = (round: number) =>
    accountIds.reduce((n, _, a) => {
      const from = (a * 7 + round) % s.nodes;
      let count = 0;
      for (let k = 0; k < s.perAccount; k++) if ((a + k) % s.nodes !== from) count += 1;
      return n + count;
    }, 0);
  let expected = 0;
  for (let round = 0; round < s.eventsPerAccount; round++) {
    expected += followersElsewhere(round);
    await publishRound(round);
    await settle(received, expected);
  }
  const burstReceived = received();
  const perNodeBurst = Math.max(...buses.map((b) => b.stats().received));
  measuring = false;

  // Flood: the same rounds again without waiting for each other; the time until
  // every follower has them, and the CPU it cost here and in the broker.
  const broker = brokerPid(transport);
  const cpu0 = process.cpuUsage();
  const broker0 = broker === null ? null : cpuTicks(broker);
  const t0 = performance.now();
  const floodRounds = Array.from({ length: s.eventsPerAccount }, (_, i) => s.eventsPerAccount + i);
  await Promise.all(floodRounds.map(publishRound));
  await settle(
    received,
    burstReceived + floodRounds.reduce((n, round) => n + followersElsewhere(round), 0),
  );
  const floodMs = performance.now() - t0;
  const floodReceived = received() - burstReceived;
  const cpu = process.cpuUsage(cpu0);
  const brokerMs = broker === null || broker0 === null ? null : (cpuTicks(broker)! - broker0) * 10;

  latencies.sort((x, y) => x - y);
  const pct = (p: number) =>
    Math.round(latencies[Math.floor((latencies.length - 1) * p)]! * 10) / 10;
  const per1000 = (ms: number) => Math.round((ms / floodReceived) * 1000 * 10) / 10;
  await Promise.all(buses.map((b) => b.close()));
  return {
    bench: 'bus-fanout',
    transport,
    nodes: s.nodes,
    accounts: s.accounts,
    nodesPerAccount: s.perAccount,
    published: s.accounts * s.eventsPerAccount,
    received_per_account_channels: burstReceived,
    missed: expected - burstReceived,
    received_one_channel: s.accounts * s.eventsPerAccount * (s.nodes - 1),
    per_node_max: perNodeBurst,
    latency_p50_ms: pct(0.5),
    latency_p99_ms: pct(0.99),
    flood_received_per_s: Math.round(floodReceived / (floodMs / 1000)),
    nodes_cpu_ms_per_1000: per1000((cpu.user + cpu.system) / 1000),
    broker_cpu_ms_per_1000: brokerMs === null ? null : per1000(brokerMs),
  };
}

function event(accountId: string, round: number): StoredEvent {
  return {
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
}

/** Waits until `count()` reaches `expected` or stops moving for a second. */
async function settle(count: () => number, expected: number) {
  let last = -1;
  let still = performance.now();
  while (count() < expected && performance.now() - still < 1_000) {
    await new Promise((r) => setTimeout(r, 5));
    if (count() !== last) {
      last = count();
      still = performance.now();
    }
  }
}

/** The local broker's process, to read the CPU it spent (Linux /proc); null when not found. */
function brokerPid(transport: Transport): number | null {
  try {
    const name = transport === 'redis' ? 'redis-server' : 'nats-server';
    const out = execFileSync('pgrep', ['-o', '-x', name], { encoding: 'utf8' }).trim();
    return out ? Number(out) : null;
  } catch {
    return null;
  }
}

/** User + system CPU of a process in clock ticks (1/100 s). */
function cpuTicks(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}
