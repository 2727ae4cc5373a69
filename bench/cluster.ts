// npm run bench -- cluster [--nodes 3] [--operators 300] [--conversations 1500] [--rate 25]
//   [--teams 10] [--supervisors 3] [--limit 3] [--no-kill] [--no-chaos] [--no-balancer]
//   [--drain-stall-ms 20000] [--seed 1] [--database-url URL] [--redis-url URL]
//
// Three `switchboard start` processes on one PostgreSQL (a fresh database,
// switchboard_bench_cluster) and one Redis (channels under a prefix of this run
// only), behind HAProxy (deploy/haproxy.cfg; installed with apt-get when
// missing). Operators and visitors load it through the balancer, with sockets
// dropped, statuses changed, conversations transferred and closed, and one
// node killed with SIGKILL and restarted in the middle. Then every socket's
// events are compared with the events table, acknowledged messages with the
// messages table, and assignments replayed: one JSON line (docs/benchmarks.md).
import { parseArgs } from 'node:util';
import { freshDatabase } from './args.js';
import { ensureHaproxy } from './cluster/haproxy.js';
import { runScenario } from './cluster/scenario.js';

export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      nodes: { type: 'string', default: '3' },
      operators: { type: 'string', default: '300' },
      supervisors: { type: 'string', default: '3' },
      teams: { type: 'string', default: '10' },
      limit: { type: 'string', default: '3' },
      conversations: { type: 'string', default: '1500' },
      rate: { type: 'string', default: '25' },
      'no-kill': { type: 'boolean', default: false },
      'no-chaos': { type: 'boolean', default: false },
      'no-balancer': { type: 'boolean', default: false },
      'drain-stall-ms': { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      'database-url': {
        type: 'string',
        default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      },
      'redis-url': {
        type: 'string',
        default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
      },
    },
  });
  let haproxy: string | null = null;
  if (!values['no-balancer']) {
    const found = await ensureHaproxy(log);
    if (found.path === null) {
      log(`cluster bench: ${found.reason}`);
      log('(or pass --no-balancer to let the load generator spread connections over the nodes)');
      process.exitCode = 1;
      return;
    }
    haproxy = found.path;
  }
  const { line } = await runScenario({
    databaseUrl: await freshDatabase('switchboard_bench_cluster', values['database-url']!),
    redisUrl: values['redis-url']!,
    haproxy,
    nodes: Number(values.nodes),
    operators: Number(values.operators),
    supervisors: Number(values.supervisors),
    teams: Number(values.teams),
    limit: Number(values.limit),
    conversations: Number(values.conversations),
    arrivalsPerSecond: Number(values.rate),
    kill: !values['no-kill'],
    chaos: !values['no-chaos'],
    drainStallMs: Number(values['drain-stall-ms']),
    seed: Number(values.seed),
    log,
  });
  console.log(JSON.stringify(line));
}

const log = (s: string) => process.stderr.write(`${s}\n`);
