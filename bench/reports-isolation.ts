// `npm run bench -- reports-isolation [--conversations N] [--database-url URL] [--reuse]
//   [--seconds S] [--report-clients R]`
// Does a report stop the workspace? On PostgreSQL, one account of N
// conversations (default 200,000; the reports bench's generator) is served by a
// real Switchboard over HTTP. Workspace requests — an operator's own
// conversations and the queue, one after another — are timed for S seconds
// (default 15) alone, then for S seconds while R clients (default 2) request
// reports without pause (operators, breakdowns by channel and by day, audit per
// operator, each over the last 30 days). The last stdout line is the result:
// workspace p50/p99 without and with reports, and the p99 ratio. Target: p99
// under 100 ms while reports run.
//
// Without --database-url (or DATABASE_URL) it uses the database
// switchboard_bench_isolation on postgres://postgres@127.0.0.1:5432, created
// anew unless --reuse.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { perform } from '../src/actions/context.js';
import { createOperator } from '../src/actions/operators/create-operator.js';
import { createApiToken } from '../src/actions/sessions/create-api-token.js';
import { loadConfig } from '../src/config.js';
import { createSwitchboard } from '../src/server.js';
import { openStore } from '../src/store/database.js';
import { BENCH_SERVER, freshDatabase, option, positive } from './args.js';
import { DAYS, generate, markAllAudited, previousWorld, type World } from './reports.js';

const BENCH_DB = 'switchboard_bench_isolation';
const REPORT_DAYS = 30;

/** The generated account (or the one a previous run left), with every close audited. */
async function prepare(url: string, total: number, reuse: boolean): Promise<World> {
  const store = await openStore({ databaseUrl: url, dataDir: 'memory://', poolSize: 4 });
  try {
    const w = reuse ? await previousWorld(store) : await generate(store, total);
    if (!reuse) await markAllAudited(store);
    return w;
  } finally {
    await store.close();
  }
}

interface Timed {
  ms: number[];
  statuses: Map<number, number>;
}

/** Runs `request` over and over until `until`, timing each. */
async function loop(until: number, request: (i: number) => Promise<number>): Promise<Timed> {
  const timed: Timed = { ms: [], statuses: new Map() };
  for (let i = 0; Date.now() < until; i++) {
    const started = performance.now();
    const status = await request(i);
    timed.ms.push(performance.now() - started);
    timed.statuses.set(status, (timed.statuses.get(status) ?? 0) + 1);
  }
  return timed;
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Nearest-rank percentile. */
function percentile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export async function main(args: string[]) {
  const total = positive(args, 'conversations', 200_000);
  const seconds = positive(args, 'seconds', 15);
  const reportClients = positive(args, 'report-clients', 2);
  const reuse = args.includes('--reuse');
  const url =
    option(args, 'database-url') ??
    process.env.DATABASE_URL ??
    (reuse ? `${BENCH_SERVER}/${BENCH_DB}` : await freshDatabase(BENCH_DB));
  const w = await prepare(url, total, reuse);

  const config = {
    ...loadConfig({
      DATABASE_URL: url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-bench-')),
      SECRET: 'bench-secret-0123456789abcdef',
      SWITCHBOARD_DEMO: '0',
      LOG_LEVEL: 'silent',
    }),
  };
  const sb = await createSwitchboard(config, {
    logger: pino({ level: 'silent' }),
    channels: { workers: false, smtp: null },
  });
  await sb.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(sb.app.server.address() as AddressInfo).port}/api/v1`;
  try {
    const db = sb.services.db;
    const operator = await db
      .selectFrom('operators')
      .select('id')
      .where('account_id', '=', w.accountId)
      .where('name', '=', 'Operator 00')
      .executeTakeFirstOrThrow();
    const system = { accountId: w.accountId, actor: { kind: 'system' as const } };
    const { result: supervisor } = await perform(sb.services, system, (ctx) =>
      createOperator(ctx, {
        email: `supervisor-${randomUUID()}@bench.example`,
        name: 'Bench supervisor',
        password: randomUUID(),
        role: 'supervisor',
        limit: 5,
        languages: [],
        teamIds: [],
      }),
    );
    const token = async (id: string, role: 'operator' | 'supervisor') =>
      (
        await perform(
          sb.services,
          { accountId: w.accountId, actor: { kind: 'operator', id, role } },
          (ctx) => createApiToken(ctx, { name: 'bench' }),
        )
      ).result.token;
    const operatorAuth = { authorization: `Bearer ${await token(operator.id, 'operator')}` };
    const supervisorAuth = { authorization: `Bearer ${await token(supervisor.id, 'supervisor')}` };

    const get = async (path: string, headers: Record<string, string>) => {
      const res = await fetch(`${base}${path}`, { headers });
      await res.arrayBuffer();
      return res.status;
    };
    const workspacePaths = ['/conversations?mine=true', '/conversations?state=queued'];
    const workspace = (until: number) =>
      loop(until, (i) => get(workspacePaths[i % workspacePaths.length]!, operatorAuth));
    const to = new Date(w.start.getTime() + DAYS * 86_400_000);
    const period = `from=${new Date(to.getTime() - REPORT_DAYS * 86_400_000).toISOString()}&to=${to.toISOString()}`;
    const reportPaths = [
      `/reports/operators?${period}`,
      `/reports/breakdown?by=channel&${period}`,
      `/reports/breakdown?by=day&${period}`,
      `/audit/operators?${period}`,
    ];

    // Warm both paths once.
    for (const p of [...workspacePaths]) await get(p, operatorAuth);
    for (const p of reportPaths) await get(p, supervisorAuth);

    process.stderr.write(`workspace alone for ${seconds} s…\n`);
    const alone = await workspace(Date.now() + seconds * 1000);
    process.stderr.write(`workspace with ${reportClients} report clients for ${seconds} s…\n`);
    const until = Date.now() + seconds * 1000;
    const [busy, ...reports] = await Promise.all([
      workspace(until),
      ...Array.from({ length: reportClients }, (_, c) =>
        loop(until, (i) => get(reportPaths[(i + c) % reportPaths.length]!, supervisorAuth)),
      ),
    ]);
    const reportMs = reports.flatMap((r) => r.ms);
    const reportStatuses: Record<string, number> = {};
    for (const r of reports)
      for (const [s, n] of r.statuses) reportStatuses[s] = (reportStatuses[s] ?? 0) + n;
    const p = (xs: number[], q: number) => round(percentile(xs, q));
    console.log(
      JSON.stringify({
        bench: 'reports-isolation',
        conversations: reuse ? null : total,
        seconds,
        report_clients: reportClients,
        workspace_requests_alone: alone.ms.length,
        workspace_p50_ms_alone: p(alone.ms, 0.5),
        workspace_p99_ms_alone: p(alone.ms, 0.99),
        workspace_requests_with_reports: busy!.ms.length,
        workspace_p50_ms_with_reports: p(busy!.ms, 0.5),
        workspace_p99_ms_with_reports: p(busy!.ms, 0.99),
        p99_ratio: round(p(busy!.ms, 0.99) / Math.max(0.1, p(alone.ms, 0.99))),
        reports: reportMs.length,
        report_statuses: reportStatuses,
        report_p50_ms: p(reportMs, 0.5),
      }),
    );
  } finally {
    await sb.close();
  }
}
