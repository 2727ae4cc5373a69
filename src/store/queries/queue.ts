// Where a conversation stands in line and how long it may still wait, for the
// operator app and the client's widget (GET …/queue). A read: no locks, a
// snapshot that may be a moment old.
import { type Kysely, sql } from 'kysely';
import { estimateWait, type RoutingOperator } from '../../domain/routing/index.js';
import { queueOrderKey, queueOrderValue } from '../queue-order-sql.js';
import type { ConversationRow, Database } from '../schema.js';

/** Assignments in the team over this window give the measured rate. */
const RATE_WINDOW_MS = 15 * 60_000;
/** Handle times of conversations closed within this window give the average. */
const HANDLE_WINDOW_MS = 60 * 60_000;
/** Fewer closed conversations than this say little: use the default handle time. */
const MIN_HANDLE_SAMPLES = 5;
export const DEFAULT_HANDLE_TIME_MS = 5 * 60_000;

export interface QueueStanding {
  /** 1-based place among the queued conversations of the same team; null when not queued. */
  position: number | null;
  /** Conversations served before this one. */
  ahead: number | null;
  /** Expected further wait; null when not queued or nobody of the team is online. */
  estimatedWaitS: number | null;
}

const NOT_QUEUED: QueueStanding = { position: null, ahead: null, estimatedWaitS: null };

export async function queueStanding(
  db: Kysely<Database>,
  conv: ConversationRow,
  now: Date,
): Promise<QueueStanding> {
  if (conv.state !== 'queued') return NOT_QUEUED;
  const accountId = conv.account_id;
  const team = conv.team_id;
  const sameTeam = team === null ? sql`c.team_id IS NULL` : sql`c.team_id = ${team}::uuid`;
  const [ahead, operators, measured] = await Promise.all([
    // The queue order of src/domain/routing/queue-order.ts, counted in the
    // database instead of loading the whole queue.
    sql<{ n: string | number }>`
      SELECT count(*) AS n FROM conversations c
      WHERE c.account_id = ${accountId} AND c.state = 'queued' AND ${sameTeam}
        AND (${queueOrderKey('c')}) < (${queueOrderValue(conv)})`.execute(db),
    sql<{ limit: number; open_count: number }>`
      SELECT o."limit", o.open_count FROM operators o
      WHERE o.account_id = ${accountId} AND o.status = 'online'
        ${team === null ? sql`` : sql`AND EXISTS (SELECT 1 FROM team_members m WHERE m.operator_id = o.id AND m.team_id = ${team}::uuid)`}`.execute(
      db,
    ),
    measuredWaitInputs(db, accountId, team, now),
  ]);
  const position = Number(ahead.rows[0]?.n ?? 0) + 1;
  const teamOperators: RoutingOperator[] = operators.rows.map((o, i) => ({
    id: String(i),
    status: 'online',
    limit: o.limit,
    open: o.open_count,
    teamIds: team === null ? [] : [team],
    languages: [],
    lastAssignedAt: null,
  }));
  const waitMs = estimateWait({
    position,
    teamId: team,
    operators: teamOperators,
    ...measured,
  });
  return {
    position,
    ahead: position - 1,
    estimatedWaitS: waitMs === null ? null : Math.round(waitMs / 1000),
  };
}

/**
 * The measured inputs of the wait estimate for one team (null: no team): the
 * average handle time of the last hour's closed conversations (the default
 * when there are too few) and the assignment rate of the last 15 minutes.
 * The operator app, the widget and the queued notice all use these.
 */
export async function measuredWaitInputs(
  db: Kysely<Database>,
  accountId: string,
  team: string | null,
  now: Date,
): Promise<{ averageHandleTimeMs: number; recentAssignmentRate: number }> {
  const sameTeam = team === null ? sql`c.team_id IS NULL` : sql`c.team_id = ${team}::uuid`;
  const [recent, handle] = await Promise.all([
    sql<{ n: string | number }>`
      SELECT count(*) AS n FROM conversations c
      WHERE c.account_id = ${accountId} AND ${sameTeam}
        AND c.assigned_at >= ${new Date(now.getTime() - RATE_WINDOW_MS)}`.execute(db),
    sql<{ n: string | number; avg_ms: string | number | null }>`
      SELECT count(*) AS n,
        avg(EXTRACT(EPOCH FROM (c.closed_at - c.assigned_at)) * 1000) AS avg_ms
      FROM conversations c
      WHERE c.account_id = ${accountId} AND ${sameTeam} AND c.state = 'closed'
        AND c.assigned_at IS NOT NULL
        AND c.closed_at >= ${new Date(now.getTime() - HANDLE_WINDOW_MS)}`.execute(db),
  ]);
  const handleRow = handle.rows[0];
  return {
    averageHandleTimeMs:
      handleRow && Number(handleRow.n) >= MIN_HANDLE_SAMPLES && Number(handleRow.avg_ms) > 0
        ? Number(handleRow.avg_ms)
        : DEFAULT_HANDLE_TIME_MS,
    recentAssignmentRate: Number(recent.rows[0]?.n ?? 0) / RATE_WINDOW_MS,
  };
}
