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

/**
 * Locks the account's routing and reads the snapshot in one message to the
 * server (src/store/one-message.ts): the snapshot's statement runs once the
 * lock is granted, with a snapshot of its own that sees the previous pass's
 * commit, and the lock is not held across a round trip to this node.
 */
export async function lockAndLoadRoutingSnapshot(ctx: ActionContext): Promise<RoutingSnapshot> {
  const [row] = await inOneMessage<SnapshotRow, Database>(ctx.trx, [
    routingLockStatement(ctx),
    snapshotStatement(ctx),
  ]);
  return parseSnapshot(row!);
}

/**
 * One statement, so one round trip and one consistent view: assignment takes
 * milliseconds (DESIGN §2) and a pass runs on every event. Only online
 * operators are read, with their teams through the operator_id index.
 */
function snapshotStatement(ctx: ActionContext) {
  return sql<SnapshotRow>`
    SELECT
      COALESCE((SELECT json_agg(q) FROM (
        SELECT c.id, c.team_id, c.priority, COALESCE(c.queued_at, c.created_at) AS queued_at,
          c.language, c.excluded_operator_id, c.flagged_at IS NOT NULL AS flagged
        FROM conversations c
        WHERE c.account_id = ${ctx.accountId} AND c.state = 'queued'
        ORDER BY ${queueOrderKey('c')}
        LIMIT ${QUEUE_BATCH}) q), '[]') AS queue,
      COALESCE((SELECT json_agg(o) FROM (
        SELECT o.id, o.status, o."limit", o.open_count, o.languages, o.last_assigned_at,
          ARRAY(SELECT m.team_id FROM team_members m WHERE m.operator_id = o.id) AS team_ids
        FROM operators o
        WHERE o.account_id = ${ctx.accountId} AND o.status = 'online') o), '[]') AS operators,
      COALESCE((SELECT json_agg(t) FROM (
        SELECT t.id, t.mode, t.language_routing, t.language_timeout_ms
        FROM teams t WHERE t.account_id = ${ctx.accountId}) t), '[]') AS teams,
      COALESCE((SELECT json_agg(r) FROM (
        SELECT r.team_key, r.last_operator_id
        FROM routing_cursors r WHERE r.account_id = ${ctx.accountId}) r), '[]') AS cursors,
      (SELECT a.settings FROM accounts a WHERE a.id = ${ctx.accountId}) AS settings`;
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

/** Serialises routers of one account across all nodes, until commit. */
function routingLockStatement(ctx: ActionContext) {
  return sql`SELECT pg_advisory_xact_lock(hashtextextended(${`route:${ctx.accountId}`}, 0))`;
}
