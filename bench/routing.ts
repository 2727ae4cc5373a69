// npm run bench -- routing [--stores embedded,postgres] [--database-url URL]
//                          [--samples 500] [--operators 20] [--drain 10000] [--drain-operators 2000]
//
// The router of a real Switchboard (createSwitchboard, event-driven, on its bus):
// (a) latency from a conversation's `conversation.queued` event to its
//     `conversation.assigned` event while operators have free slots, one
//     conversation at a time (each is closed again once assigned);
// (b) time to drain a queue of 10,000 conversations when 2,000 operators of
//     limit 5 come online at once (set up in bulk by SQL, then one router run);
// (c) invariant violations found afterwards by SQL.
// Without --database-url, PostgreSQL runs on a fresh database
// switchboard_bench_routing on postgres://postgres@127.0.0.1:5432 (dropped and created).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { createAccount } from '../src/actions/accounts/create-account.js';
import { createChannel } from '../src/actions/channels/create-channel.js';
import { identifyContact } from '../src/actions/contacts/identify-contact.js';
import { perform, type Scope } from '../src/actions/context.js';
import { closeConversation } from '../src/actions/conversations/close-conversation.js';
import { startConversation } from '../src/actions/conversations/start-conversation.js';
import { createOperator } from '../src/actions/operators/create-operator.js';
import { setOperatorStatus } from '../src/actions/operators/set-operator-status.js';
import { loadConfig } from '../src/config.js';
import { createSwitchboard, type Switchboard } from '../src/server.js';
import { freshDatabase } from './args.js';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';
const BENCH_DATABASE = 'switchboard_bench_routing';
const WARMUP = 20;

export async function main(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      stores: { type: 'string', default: 'embedded,postgres' },
      'database-url': { type: 'string' },
      samples: { type: 'string', default: '500' },
      operators: { type: 'string', default: '20' },
      drain: { type: 'string', default: '10000' },
      'drain-operators': { type: 'string', default: '2000' },
    },
  });
  const sizes = {
    samples: Number(values.samples),
    operators: Number(values.operators),
    drain: Number(values.drain),
    drainOperators: Number(values['drain-operators']),
  };
  const lines: string[] = [];
  for (const store of values.stores!.split(',')) {
    if (store !== 'embedded' && store !== 'postgres') throw new Error(`unknown store ${store}`);
    log(`\n== ${store} ==`);
    const databaseUrl =
      store === 'postgres'
        ? (values['database-url'] ??
          (await freshDatabase(BENCH_DATABASE, `${DEFAULT_SERVER}/postgres`)))
        : undefined;
    const sb = await createSwitchboard(
      loadConfig({
        DATA_DIR: 'memory://',
        SECRET: 'bench-secret-0123456789abcdef',
        LOG_LEVEL: 'silent',
        SWITCHBOARD_DEMO: '0',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      }),
      { logger: pino({ level: 'error' }, pino.destination(2)) },
    );
    try {
      const latency = await assignLatency(sb, sizes.samples, sizes.operators);
      log(`assign latency: p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms`);
      const drain = await drainQueue(sb, sizes.drain, sizes.drainOperators);
      log(
        `drain ${sizes.drain} with ${sizes.drainOperators} operators: ${drain.seconds.toFixed(3)} s`,
      );
      const violations = await countViolations(sb);
      log(`invariant violations: ${violations}`);
      lines.push(
        JSON.stringify({
          bench: 'routing',
          store,
          assign_p50_ms: round(latency.p50, 2),
          assign_p99_ms: round(latency.p99, 2),
          drain_10k_s: round(drain.seconds, 3),
          violations,
          ...(sizes.drain !== 10_000 || sizes.drainOperators !== 2_000
            ? { drain_conversations: sizes.drain, drain_operators: sizes.drainOperators }
            : {}),
        }),
      );
    } finally {
      await sb.close();
    }
  }
  for (const line of lines) console.log(line);
}

/** A fresh account with one API channel; operators online with limit 5 and no team. */
async function setupAccount(sb: Switchboard, operators: number) {
  const accountId = randomUUID();
  const system: Scope = { accountId, actor: { kind: 'system' } };
  const { result } = await perform(sb.services, system, async (ctx) => {
    await createAccount(ctx, { name: 'Routing bench' });
    const channel = await createChannel(ctx, {
      kind: 'api',
      name: 'api',
      priority: 1,
      defaultTeamId: null,
      settings: {},
    });
    const ids: string[] = [];
    for (let i = 0; i < operators; i++) {
      const op = await createOperator(ctx, {
        email: `op${i}-${accountId}@bench.example`,
        name: `op${i}`,
        password: null,
        role: 'operator',
        limit: 5,
        teamIds: [],
      });
      ids.push(op.id);
    }
    return { channelId: channel.id, operatorIds: ids };
  });
  return { accountId, system, ...result };
}

async function assignLatency(sb: Switchboard, samples: number, operators: number) {
  const { accountId, system, channelId, operatorIds } = await setupAccount(sb, operators);
  for (const operatorId of operatorIds) {
    await perform(sb.services, system, (ctx) =>
      setOperatorStatus(ctx, { operatorId, status: 'online' }),
    );
  }
  await sb.router.route(accountId);
  // One conversation in flight at a time: the bus listener times it from its
  // queued event to its assigned event, both as this process receives them.
  let inFlight: { queuedAt: number | null; done: (ms: number) => void } | null = null;
  const unsubscribe = sb.bus.subscribe((m) => {
    if (m.kind !== 'events' || !inFlight) return;
    const now = performance.now();
    for (const e of m.events) {
      if (e.accountId !== accountId) continue;
      if (e.type === 'conversation.queued') inFlight.queuedAt = now;
      if (e.type === 'conversation.assigned' && inFlight.queuedAt !== null)
        inFlight.done(now - inFlight.queuedAt);
    }
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < samples + WARMUP; i++) {
      const { result: contact } = await perform(sb.services, system, (ctx) =>
        identifyContact(ctx, { channelId, externalId: randomUUID() }),
      );
      const assigned = new Promise<number>((done) => {
        inFlight = { queuedAt: null, done };
      });
      const { result } = await perform(sb.services, system, (ctx) =>
        startConversation(ctx, { channelId, contactId: contact.id }),
      );
      const ms = await assigned;
      inFlight = null;
      if (i >= WARMUP) times.push(ms);
      await perform(sb.services, system, (ctx) =>
        closeConversation(ctx, { conversationId: result.conversation.id }),
      );
    }
  } finally {
    unsubscribe();
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

/**
 * 10,000 queued conversations and 2,000 offline operators of limit 5 are
 * written in bulk; then all operators come online at once and the router runs
 * until the queue is empty.
 */
async function drainQueue(sb: Switchboard, conversations: number, operators: number) {
  const { accountId, channelId } = await setupAccount(sb, 0);
  const db = sb.services.db;
  await sql`
    INSERT INTO operators (id, account_id, email, name, role, status, "limit")
    SELECT gen_random_uuid(), ${accountId}::uuid, 'drain' || g || '-' || ${accountId} || '@bench.example',
      'drain' || g, 'operator', 'offline', 5
    FROM generate_series(1, ${operators}::int) g`.execute(db);
  await sql`
    INSERT INTO contacts (id, account_id) SELECT gen_random_uuid(), ${accountId}::uuid
    FROM generate_series(1, ${conversations}::int)`.execute(db);
  await sql`
    INSERT INTO conversations (id, account_id, channel_id, contact_id, state, priority, created_at, queued_at)
    SELECT gen_random_uuid(), ${accountId}::uuid, ${channelId}::uuid, c.id, 'queued', 1,
      now() - interval '1 hour', now() - interval '1 hour' + (row_number() OVER ()) * interval '1 ms'
    FROM contacts c WHERE c.account_id = ${accountId}::uuid`.execute(db);
  // The queue's notices are not part of routing time: mark them as sent.
  await sql`UPDATE conversations SET notice_sent_at = now() WHERE account_id = ${accountId}::uuid`.execute(
    db,
  );
  await sql`ANALYZE`.execute(db);
  await sql`UPDATE operators SET status = 'online' WHERE account_id = ${accountId}::uuid`.execute(
    db,
  );
  const start = performance.now();
  await sb.router.route(accountId);
  const seconds = (performance.now() - start) / 1000;
  const left = await db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('state', '=', 'queued')
    .executeTakeFirstOrThrow();
  if (Number(left.n) > Math.max(0, conversations - operators * 5))
    throw new Error(`the router left ${left.n} conversations queued`);
  return { seconds };
}

/** Invariants 1–3 checked by SQL over everything the bench wrote. */
async function countViolations(sb: Switchboard): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    SELECT
      (SELECT count(*) FROM operators o WHERE o.open_count > o."limit")
      + (SELECT count(*) FROM operators o WHERE o.open_count <> (
          SELECT count(*) FROM conversations c WHERE c.operator_id = o.id AND c.state = 'assigned'))
      + (SELECT count(*) FROM conversations c WHERE c.state = 'assigned' AND c.operator_id IS NULL)
      + (SELECT count(*) FROM conversations c WHERE c.state = 'queued' AND c.team_id IS NULL
          AND EXISTS (SELECT 1 FROM operators o WHERE o.account_id = c.account_id
            AND o.status = 'online' AND o.open_count < o."limit"))
      AS n`.execute(sb.services.db);
  return Number(rows[0]?.n ?? 0);
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (s: string) => process.stderr.write(`${s}\n`);
