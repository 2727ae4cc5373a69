// `npm run bench -- reports [--store postgres|embedded] [--conversations N] [--database-url URL] [--runs R] [--reuse]`
// Generates a year of one busy account on PostgreSQL — N conversations (default
// 1,000,000) with ten messages each — set-based (INSERT … SELECT
// generate_series), fills the report rows with the same SQL the actions use,
// then times the operator report and the per-channel breakdown over the last
// 30 days, account-wide, warm: the median of R runs. Progress goes to stderr;
// the last stdout line is the result.
//
// Without --database-url (or DATABASE_URL) it drops and creates the database
// switchboard_bench_reports on postgres://postgres@127.0.0.1:5432. With
// `--store embedded` it runs Switchboard's embedded server instead, as `npm
// start` does, with DATA_DIR .bench-data/reports-embedded (kept for --reuse).
import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { type RawBuilder, sql } from 'kysely';
import { AUDIT_VERSION } from '../src/actions/audit/record-audit.js';
import { DEFAULT_DATABASE_TIMEOUTS } from '../src/config.js';
import { DEFAULT_SERVICE_LEVEL_TARGET_MS, median } from '../src/domain/metrics/index.js';
import { openStore, type Store } from '../src/store/database.js';
import { staleAudits } from '../src/store/queries/audit.js';
import { storeMetricRows } from '../src/store/queries/conversation-metrics.js';
import { breakdownReport, operatorReport } from '../src/store/queries/reports.js';
import { BENCH_SERVER, freshDatabase, option, positive } from './args.js';

const BENCH_DB = 'switchboard_bench_reports';
const EMBEDDED_DATA_DIR = '.bench-data/reports-embedded';
const MESSAGES_PER_CONVERSATION = 10;
export const DAYS = 365;
const REPORT_DAYS = 30;
export const OPERATORS = 60;
const CHANNELS = ['widget', 'telegram', 'email', 'api'] as const;
const CATEGORIES = 10;
/** The newest conversations stay open, so reports also compute live rows. */
const OPEN = 300;
const CHUNK = 50_000;
/** Generating a million conversations' rows takes statements of minutes, not the server's 30 s. */
const GENERATION_TIMEOUTS = { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 3_600_000 };

function progress(label: string, done: number, total: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const pct = ((done / total) * 100).toFixed(0).padStart(3);
  process.stderr.write(
    `\r${label.padEnd(14)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${pct}% ${done}/${total}`,
  );
  if (done >= total) process.stderr.write('\n');
}

export interface World {
  accountId: string;
  start: Date;
  spanS: number;
}

/** The account and its people, channels and categories (few rows: plain inserts). */
async function seedAccount(store: Store, total: number): Promise<World> {
  const db = store.db;
  const accountId = randomUUID();
  await db
    .insertInto('accounts')
    .values({
      id: accountId,
      name: 'Bench',
      settings: JSON.stringify({ serviceLevelTargetMs: DEFAULT_SERVICE_LEVEL_TARGET_MS }),
    })
    .execute();
  const bench = sql.lit(accountId);
  await sql`INSERT INTO teams (id, account_id, name, mode)
    SELECT md5('team' || t)::uuid, ${bench}, 'team ' || t, 'least_loaded' FROM generate_series(0, 3) t`.execute(
    db,
  );
  await sql`INSERT INTO operators (id, account_id, email, name, role, "limit")
    SELECT md5('op' || o)::uuid, ${bench}, 'op' || o || '-' || ${accountId} || '@bench.example',
      'Operator ' || lpad(o::text, 2, '0'), 'operator', 5 FROM generate_series(0, ${OPERATORS - 1}) o`.execute(
    db,
  );
  for (const [n, kind] of CHANNELS.entries()) {
    await db
      .insertInto('channels')
      .values({
        id: md5Uuid(`channel${n}`),
        account_id: accountId,
        kind,
        name: kind,
        priority: n + 1,
        default_team_id: md5Uuid(`team${n}`),
        public_key: `bench-${accountId}-${n}`,
        settings: '{}',
      })
      .execute();
  }
  await sql`INSERT INTO categories (id, account_id, name)
    SELECT md5('cat' || k)::uuid, ${bench}, 'category ' || k FROM generate_series(0, ${CATEGORIES - 1}) k`.execute(
    db,
  );
  const contacts = Math.min(total, 100_000);
  await sql`INSERT INTO contacts (id, account_id, name)
    SELECT md5('contact' || j)::uuid, ${bench}, 'Client ' || j FROM generate_series(0, ${contacts - 1}) j`.execute(
    db,
  );
  const end = new Date();
  end.setUTCMinutes(0, 0, 0);
  return { accountId, start: new Date(end.getTime() - DAYS * 86_400_000), spanS: DAYS * 86_400 };
}

function md5Uuid(text: string): string {
  // The id PostgreSQL's md5(text)::uuid gives, so SQL and TypeScript name rows alike.
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Conversations lo..hi, every attribute a fixed function of the number i:
 * channel and team i mod 4, one of 60 operators, a step of 5–44 s between the
 * ten messages (client, operator, client, client, operator, client, operator,
 * system, client, operator), 3 % abandoned (the operator lines are the bot's
 * and nobody takes it), 10 % liked, 3 % disliked, a third each target /
 * non-target / unset, one in eleven uncategorised; the newest OPEN stay open.
 * Conversation and message ids count up (lpad(to_hex(i))), so every index grows
 * at its right edge: random ids made ten million inserts page through the
 * whole of each index.
 */
async function generateConversations(
  store: Store,
  w: World,
  total: number,
  lo: number,
  hi: number,
) {
  const contacts = Math.min(total, 100_000);
  await sql`
    INSERT INTO conversations (id, account_id, channel_id, contact_id, team_id, operator_id, state,
      priority, category_id, targeted, rating, last_seq, created_at, queued_at, assigned_at,
      first_operator_reply_at, closed_at, closed_by)
    SELECT lpad(to_hex(i), 32, '0')::uuid, ${w.accountId}::uuid, md5('channel' || (i % 4))::uuid,
      md5('contact' || (i % ${contacts}))::uuid, md5('team' || (i % 4))::uuid,
      CASE WHEN NOT abandoned THEN md5('op' || ((i * 7919) % ${OPERATORS}))::uuid END,
      CASE WHEN i < ${total - OPEN} THEN 'closed' WHEN abandoned THEN 'queued' ELSE 'assigned' END,
      i % 4 + 1,
      CASE WHEN (i * 131) % 11 < 10 THEN md5('cat' || ((i * 131) % 11))::uuid END,
      CASE (i * 17) % 3 WHEN 0 THEN true WHEN 1 THEN false END,
      CASE WHEN (i * 31337) % 100 < 10 THEN 'like' WHEN (i * 31337) % 100 < 13 THEN 'dislike' END,
      ${MESSAGES_PER_CONVERSATION}, created, created,
      CASE WHEN NOT abandoned THEN created + step * 1.5 END,
      CASE WHEN NOT abandoned THEN created + step * 2 END,
      CASE WHEN i < ${total - OPEN} THEN created + step * 11 END,
      CASE WHEN i >= ${total - OPEN} THEN NULL WHEN abandoned OR (i * 13) % 10 = 0 THEN 'contact'
        ELSE 'operator' END
    FROM generate_series(${lo}::bigint, ${hi}::bigint) i,
      LATERAL (SELECT ${w.start}::timestamptz + (i * ${w.spanS}::float8 / ${total}) * interval '1 second' AS created,
        (5 + (i * 40503) % 40) * interval '1 second' AS step,
        (i * 2654435761) % 1000 < 30 AS abandoned) v`.execute(store.db);
}

/**
 * What a generated message says: a SQL expression over the conversation
 * number `i` and the message's `seq` (1–10). The reports need no words; the
 * search bench (bench/search.ts) gives real ones.
 */
export type MessageText = RawBuilder<string>;
const DEFAULT_TEXT: MessageText = sql<string>`'message ' || seq`;

async function generateMessages(
  store: Store,
  w: World,
  total: number,
  lo: number,
  hi: number,
  text: MessageText,
) {
  await sql`
    INSERT INTO messages (id, account_id, conversation_id, channel_id, seq, author_kind, author_id,
      text, created_at)
    SELECT ('1' || lpad(to_hex(i * 16 + seq), 31, '0'))::uuid, ${w.accountId}::uuid, lpad(to_hex(i), 32, '0')::uuid, md5('channel' || (i % 4))::uuid,
      seq, CASE WHEN kind = 'operator' AND abandoned THEN 'bot' ELSE kind END,
      CASE WHEN kind = 'operator' AND NOT abandoned THEN md5('op' || ((i * 7919) % ${OPERATORS}))::uuid END,
      ${text}, created + step * seq
    FROM generate_series(${lo}::bigint, ${hi}::bigint) i,
      LATERAL (SELECT ${w.start}::timestamptz + (i * ${w.spanS}::float8 / ${total}) * interval '1 second' AS created,
        (5 + (i * 40503) % 40) * interval '1 second' AS step,
        (i * 2654435761) % 1000 < 30 AS abandoned) v,
      LATERAL unnest(ARRAY['contact','operator','contact','contact','operator','contact','operator',
        'system','contact','operator']) WITH ORDINALITY AS m(kind, seq)`.execute(store.db);
}

async function inChunks(
  label: string,
  total: number,
  work: (lo: number, hi: number) => Promise<void>,
) {
  progress(label, 0, total);
  for (let lo = 0; lo < total; lo += CHUNK) {
    const hi = Math.min(lo + CHUNK, total) - 1;
    await work(lo, hi);
    progress(label, hi + 1, total);
  }
}

export async function generate(
  store: Store,
  total: number,
  text: MessageText = DEFAULT_TEXT,
): Promise<World> {
  const w = await seedAccount(store, total);
  await inChunks('conversations', total, (lo, hi) =>
    generateConversations(store, w, total, lo, hi),
  );
  await inChunks('messages', total, (lo, hi) => generateMessages(store, w, total, lo, hi, text));
  await inChunks('report rows', total, (lo, hi) =>
    storeMetricRows(
      store.db,
      sql`c.id IN (SELECT lpad(to_hex(i), 32, '0')::uuid FROM generate_series(${lo}::bigint, ${hi}::bigint) i)`,
    ),
  );
  process.stderr.write('vacuum analyze…\n');
  await sql`VACUUM ANALYZE`.execute(store.db);
  return w;
}

/** The account a previous run generated; its year ends at the hour after its newest conversation. */
export async function previousWorld(store: Store): Promise<World> {
  const account = await store.db
    .selectFrom('accounts')
    .select('id')
    .where('name', '=', 'Bench')
    .executeTakeFirstOrThrow();
  const { rows } = await sql<{ last: Date }>`
    SELECT max(created_at) AS last FROM conversations WHERE account_id = ${account.id}`.execute(
    store.db,
  );
  const end = new Date(rows[0]!.last);
  end.setUTCHours(end.getUTCHours() + 1, 0, 0, 0);
  return {
    accountId: account.id,
    start: new Date(end.getTime() - DAYS * 86_400_000),
    spanS: DAYS * 86_400,
  };
}

export async function markAllAudited(store: Store) {
  await sql`
    INSERT INTO audit_results (conversation_id, account_id, operator_id, closed_at, last_seq,
                               version, score, checks, failed, audited_at)
    SELECT id, account_id, operator_id, closed_at, last_seq, ${AUDIT_VERSION}, 1, '[]', '{}', now()
      FROM conversations WHERE state = 'closed'
    ON CONFLICT (conversation_id) DO NOTHING`.execute(store.db);
  // The report row's copy of the score, as recordAudit writes it (migration 027).
  await sql`
    UPDATE conversation_metrics m SET audit_score = a.score FROM audit_results a
      WHERE a.conversation_id = m.conversation_id AND m.audit_score IS DISTINCT FROM a.score`.execute(
    store.db,
  );
  await sql`ANALYZE audit_results`.execute(store.db);
  await sql`ANALYZE conversation_metrics`.execute(store.db);
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The median of `runs` timed runs of each function, the functions taking turns. */
async function medians(label: string, runs: number, fns: (() => Promise<unknown>)[]) {
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (const [i, fn] of fns.entries()) times[i]!.push(await timeMs(fn));
    progress(label, r + 1, runs);
  }
  return times.map((t) => median(t));
}

export async function main(args: string[]) {
  const total = positive(args, 'conversations', 1_000_000);
  if (total < 1000) throw new Error('--conversations must be at least 1000');
  const runs = positive(args, 'runs', 7);
  // --reuse times the data a previous run left in the bench database, without generating.
  const reuse = args.includes('--reuse');
  const storeKind = option(args, 'store') ?? 'postgres';
  if (storeKind !== 'postgres' && storeKind !== 'embedded')
    throw new Error('--store must be postgres or embedded');
  let store: Store;
  if (storeKind === 'embedded') {
    if (!reuse) {
      // Opened first so that a server an interrupted run left there is stopped.
      await (
        await openStore({ databaseUrl: null, dataDir: EMBEDDED_DATA_DIR, migrate: false })
      ).close();
      rmSync(EMBEDDED_DATA_DIR, { recursive: true, force: true });
    }
    store = await openStore({
      databaseUrl: null,
      dataDir: EMBEDDED_DATA_DIR,
      poolSize: 4,
      timeouts: GENERATION_TIMEOUTS,
    });
  } else {
    const url =
      option(args, 'database-url') ??
      process.env.DATABASE_URL ??
      (reuse ? `${BENCH_SERVER}/${BENCH_DB}` : await freshDatabase(BENCH_DB));
    store = await openStore({
      databaseUrl: url,
      dataDir: 'memory://',
      poolSize: 4,
      timeouts: GENERATION_TIMEOUTS,
    });
  }
  try {
    const generated = performance.now();
    const w = reuse ? await previousWorld(store) : await generate(store, total);
    const generationS = (performance.now() - generated) / 1000;

    // Every close audited, as the auditor leaves a live account (results written
    // set-based): the operator report reads their scores, and the auditor's
    // sweep below finds nothing to do — its steady state.
    process.stderr.write('marking every closed conversation audited…\n');
    await markAllAudited(store);
    const to = new Date(w.start.getTime() + DAYS * 86_400_000);
    const filter = {
      accountId: w.accountId,
      from: new Date(to.getTime() - REPORT_DAYS * 86_400_000),
      to,
    };
    const operator = () => operatorReport(store.db, filter);
    const channel = () =>
      breakdownReport(store.db, filter, 'channel', 'UTC', DEFAULT_SERVICE_LEVEL_TARGET_MS);
    const sample = await operator();
    const inPeriod = sample.reduce((n, r) => n + r.conversations, 0);
    process.stderr.write(
      `data ready in ${generationS.toFixed(0)} s; ${inPeriod} conversations handled by operators in the last ${REPORT_DAYS} days\n`,
    );
    await channel();
    const [operatorMs, channelMs] = await medians('timing', runs, [operator, channel]);

    // The auditor's sweep: the full check it makes at start and hourly, and the
    // periodic one over the last hour's closes.
    const fullSweep = () => staleAudits(store.db, AUDIT_VERSION, 200);
    const recentSweep = () =>
      staleAudits(store.db, AUDIT_VERSION, 200, new Date(to.getTime() - 3_600_000));
    if ((await fullSweep()).length > 0) throw new Error('the sweep found stale audits');
    await recentSweep();
    const [fullMs, recentMs] = await medians('sweeps', runs, [fullSweep, recentSweep]);
    const round = (x?: number | null) => Math.round((x ?? 0) * 10) / 10;
    console.log(
      JSON.stringify({
        bench: 'reports',
        store: storeKind,
        conversations: total,
        operator_report_ms: round(operatorMs),
        channel_report_ms: round(channelMs),
        audit_sweep_full_ms: round(fullMs),
        audit_sweep_recent_ms: round(recentMs),
      }),
    );
  } finally {
    await store.close();
  }
}
