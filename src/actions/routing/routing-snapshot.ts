// Reads the routing state of one account into the plain data the pure router
// (src/domain/routing) takes.
import { sql } from 'kysely';
import type {
  QueuedConversation,
  RoundRobinState,
  RoutingOperator,
  RoutingPolicy,
} from '../../domain/routing/index.js';
import { inOneMessage } from '../../store/one-message.js';
import { queueOrderKey } from '../../store/queue-order-sql.js';
import type { AccountSettings, Database } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

/** Queue snapshots are bounded: the router drains in passes of this many. */
export const QUEUE_BATCH = 20_000;

export interface RoutingSnapshot {
  queue: QueuedConversation[];
  operators: RoutingOperator[];
  policyFor: (teamId: string | null) => RoutingPolicy;
  roundRobin: RoundRobinState;
  settings: AccountSettings;
}

interface SnapshotRow {
  queue: {
    id: string;
    team_id: string | null;
    priority: number;
    queued_at: string;
    language: string | null;
    excluded_operator_id: string | null;
    flagged: boolean;
  }[];
  operators: {
    id: string;
    status: RoutingOperator['status'];
    limit: number;
    open_count: number;
    languages: string[];
    last_assigned_at: string | null;
    team_ids: string[];
  }[];
  teams: {
    id: string;
    mode: RoutingPolicy['mode'];
    language_routing: boolean;
    language_timeout_ms: number;
  }[];
  cursors: { team_key: string; last_operator_id: string }[];
  settings: AccountSettings | string;
}

/** Reads the snapshot in its own round trip (the waiting notices, which take no lock). */
export async function loadRoutingSnapshot(ctx: ActionContext): Promise<RoutingSnapshot> {
  const { rows } = await snapshotStatement(ctx).execute(ctx.trx);
  return parseSnapshot(rows[0]!);
}

/** Why a pass ended without the lock: its event already planned with, or nothing queued. */
export type SkippedPass = 'covered' | 'idle';

/**
 * Locks the account's routing and reads the snapshot in one message to the
 * server (src/store/one-message.ts): the snapshot's statement runs once the
 * lock is granted, with a snapshot of its own that sees the previous pass's
 * commit, and the lock is not held across a round trip to this node.
 *
 * `trigger`: the seq of the event this pass runs for, or null to run in any
 * case (the sweep, a language timer, a pass that left work behind). Each pass
 * records in routing_state the account's highest event seq its snapshot saw
 * (committed with its assignments); when that already covers the trigger, a
 * pass of some node has planned with the trigger's change in view, and this
 * one ends ('covered') without reading the snapshot — and without the lock.
 * A pass also ends ('idle') when nothing is queued: capacity that frees up
 * (a close, an operator back online) matters only to a waiting conversation,
 * and each conversation that starts waiting brings a pass of its own.
 *
 * The lock is the account's routing_state row, taken only while the pass has
 * something to do (routingLockStatement): a pass waiting behind another finds,
 * when that one commits, whether its event is still new, and if not never
 * holds the lock. Under load most passes end that way; with a lock taken
 * first and checked after, each held it across a round trip to its node and
 * back for its COMMIT.
 */
export async function lockAndLoadRoutingSnapshot(
  ctx: ActionContext,
  trigger: number | null = null,
): Promise<RoutingSnapshot | SkippedPass> {
  const [row] = await inOneMessage<SnapshotRow & { run: boolean; covered: boolean }, Database>(
    ctx.trx,
    [
      // The row to lock, the account's first time; once it exists this inserts
      // nothing and waits on nobody (ON CONFLICT alone would wait for its holder).
      sql`INSERT INTO routing_state (account_id, routed_seq)
        SELECT ${ctx.accountId}, 0
        WHERE NOT EXISTS (SELECT 1 FROM routing_state WHERE account_id = ${ctx.accountId})
        ON CONFLICT (account_id) DO NOTHING`,
      routingLockStatement(ctx, trigger),
      claimingSnapshotStatement(ctx, trigger),
    ],
  );
  if (row!.run) return parseSnapshot(row!);
  return row!.covered ? 'covered' : 'idle';
}

/**
 * The snapshot's parts, subqueries of one statement: one round trip and one
 * consistent view (assignment takes milliseconds, DESIGN §2, and a pass runs
 * on every event). Only online operators are read, with their teams through
 * the operator_id index.
 */
function snapshotParts(ctx: ActionContext) {
  return {
    queue: sql`COALESCE((SELECT json_agg(q) FROM (
        SELECT c.id, c.team_id, c.priority, COALESCE(c.queued_at, c.created_at) AS queued_at,
          c.language, c.excluded_operator_id, c.flagged_at IS NOT NULL AS flagged
        FROM conversations c
        WHERE c.account_id = ${ctx.accountId} AND c.state = 'queued'
        ORDER BY ${queueOrderKey('c')}
        LIMIT ${QUEUE_BATCH}) q), '[]')`,
    operators: sql`COALESCE((SELECT json_agg(o) FROM (
        SELECT o.id, o.status, o."limit", o.open_count, o.languages, o.last_assigned_at,
          ARRAY(SELECT m.team_id FROM team_members m WHERE m.operator_id = o.id) AS team_ids
        FROM operators o
        WHERE o.account_id = ${ctx.accountId} AND o.status = 'online') o), '[]')`,
    teams: sql`COALESCE((SELECT json_agg(t) FROM (
        SELECT t.id, t.mode, t.language_routing, t.language_timeout_ms
        FROM teams t WHERE t.account_id = ${ctx.accountId}) t), '[]')`,
    cursors: sql`COALESCE((SELECT json_agg(r) FROM (
        SELECT r.team_key, r.last_operator_id
        FROM routing_cursors r WHERE r.account_id = ${ctx.accountId}) r), '[]')`,
    settings: sql`(SELECT a.settings FROM accounts a WHERE a.id = ${ctx.accountId})`,
  };
}

function snapshotStatement(ctx: ActionContext) {
  const p = snapshotParts(ctx);
  return sql<SnapshotRow>`
    SELECT ${p.queue} AS queue, ${p.operators} AS operators, ${p.teams} AS teams,
      ${p.cursors} AS cursors, ${p.settings} AS settings`;
}

/**
 * The claim and the snapshot in one statement, so the seq it records and the
 * state it reads are of one instant: a pass never claims an event it did not
 * see. It runs if the lock statement before it took the lock (a setting local
 * to the transaction says so); otherwise it writes nothing, and the
 * snapshot's subqueries (initplans, run on first use) are not run.
 */
function claimingSnapshotStatement(ctx: ActionContext, trigger: number | null) {
  const p = snapshotParts(ctx);
  const covered =
    trigger === null
      ? sql`FALSE`
      : sql`EXISTS (SELECT 1 FROM routing_state s
          WHERE s.account_id = ${ctx.accountId} AND s.routed_seq >= ${trigger})`;
  return sql<SnapshotRow & { run: boolean; covered: boolean }>`
    WITH go AS (
      SELECT current_setting(${LOCK_SETTING}, TRUE) IS NOT DISTINCT FROM 'held' AS run,
        ${covered} AS covered),
    claim AS (
      UPDATE routing_state SET routed_seq = GREATEST(routed_seq, COALESCE(
        (SELECT e.seq FROM events e WHERE e.account_id = ${ctx.accountId}
         ORDER BY e.seq DESC LIMIT 1), 0))
      FROM go WHERE go.run AND routing_state.account_id = ${ctx.accountId})
    SELECT go.run, go.covered,
      CASE WHEN go.run THEN ${p.queue} END AS queue,
      CASE WHEN go.run THEN ${p.operators} END AS operators,
      CASE WHEN go.run THEN ${p.teams} END AS teams,
      CASE WHEN go.run THEN ${p.cursors} END AS cursors,
      CASE WHEN go.run THEN ${p.settings} END AS settings
    FROM go`;
}

function parseSnapshot(row: SnapshotRow): RoutingSnapshot {
  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const settings = json(row.settings);
  const policies = new Map<string, RoutingPolicy>(
    json(row.teams).map((t) => [
      t.id,
      {
        mode: t.mode,
        languageRouting: t.language_routing,
        languageTimeoutMs: t.language_timeout_ms,
      },
    ]),
  );
  const accountPolicy: RoutingPolicy = settings.routing;
  return {
    queue: json(row.queue).map((c) => ({
      id: c.id,
      teamId: c.team_id,
      priority: c.priority,
      queuedAt: Date.parse(c.queued_at),
      language: c.language,
      excludedOperatorId: c.excluded_operator_id,
      flagged: c.flagged,
    })),
    operators: json(row.operators).map((o) => ({
      id: o.id,
      status: o.status,
      limit: o.limit,
      open: o.open_count,
      teamIds: o.team_ids,
      languages: o.languages,
      lastAssignedAt: o.last_assigned_at ? Date.parse(o.last_assigned_at) : null,
    })),
    policyFor: (teamId) => (teamId ? (policies.get(teamId) ?? accountPolicy) : accountPolicy),
    roundRobin: Object.fromEntries(json(row.cursors).map((c) => [c.team_key, c.last_operator_id])),
    settings,
  };
}

/** Set for the transaction by the lock statement once it holds the lock. */
const LOCK_SETTING = 'switchboard.routing_lock';

/**
 * Serialises routers of one account across all nodes, until commit: the
 * account's routing_state row, locked only if `trigger` is not covered yet and
 * a conversation is queued. Waiting behind a pass, PostgreSQL checks the
 * row's condition again on the row that pass committed (READ COMMITTED), so a
 * pass it covered takes no lock. The setting is made only for a row the
 * inner query locked: the statement after it runs the pass only then.
 */
function routingLockStatement(ctx: ActionContext, trigger: number | null) {
  const uncovered = trigger === null ? sql`TRUE` : sql`routed_seq < ${trigger}`;
  return sql`
    SELECT set_config(${LOCK_SETTING}, 'held', TRUE) FROM (
      SELECT 1 FROM routing_state
      WHERE account_id = ${ctx.accountId} AND ${uncovered}
        AND EXISTS (SELECT 1 FROM conversations c
                    WHERE c.account_id = ${ctx.accountId} AND c.state = 'queued')
      FOR UPDATE) AS locked`;
}
