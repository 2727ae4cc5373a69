// What the what-if replay needs from a past period (issue 18): its closed
// conversations with how they went, the operators with their online
// intervals from the presence history (migration 024), and the routing
// policies. Read-only, scoped to one account.
import { type Kysely, sql } from 'kysely';
import type { RoutingPolicy, RoutingTeam } from '../../domain/routing/index.js';
import type { ReplayConversation, ReplayOperator } from '../../domain/simulation/replay-types.js';
import type { Database, OperatorStatus } from '../schema.js';

export interface ReplayHistory {
  conversations: ReplayConversation[];
  operators: ReplayOperator[];
  teams: RoutingTeam[];
  accountPolicy: RoutingPolicy;
  serviceLevelTargetMs: number;
}

const ms = (d: Date | string) => new Date(d).getTime();

/**
 * Conversations that entered the queue in [from, to) and are closed (an open
 * one has no outcome to compare). Handle time is assignment → close; the
 * writing time after assignment is first response − wait (docs/metrics.md).
 */
async function periodConversations(
  db: Kysely<Database>,
  accountId: string,
  from: Date,
  to: Date,
): Promise<ReplayConversation[]> {
  const entered = sql<Date>`coalesce(c.queued_at, c.assigned_at)`;
  const rows = await db
    .selectFrom('conversations as c')
    .innerJoin('conversation_metrics as m', 'm.conversation_id', 'c.id')
    .select([
      'c.id',
      entered.as('entered'),
      'c.channel_id',
      'c.priority',
      'c.team_id',
      'c.language',
      'c.assigned_at',
      'c.closed_at',
      'c.operator_id',
      'm.first_response_ms',
      'm.wait_ms',
      'm.abandoned',
      sql<boolean>`EXISTS (SELECT 1 FROM transfers t WHERE t.conversation_id = c.id AND t.to_team_id IS NOT NULL)`.as(
        'transferred',
      ),
    ])
    .where('c.account_id', '=', accountId)
    .where('c.state', '=', 'closed')
    .where(entered, '>=', from)
    .where(entered, '<', to)
    .orderBy(entered)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => {
    const queuedAt = ms(r.entered);
    const closedAt = r.closed_at ? ms(r.closed_at) : queuedAt;
    const assignedAt = r.assigned_at ? ms(r.assigned_at) : null;
    const wait = r.wait_ms === null ? null : Number(r.wait_ms);
    const first = r.first_response_ms === null ? null : Number(r.first_response_ms);
    return {
      id: r.id,
      queuedAt,
      channelId: r.channel_id,
      priority: r.priority,
      teamId: r.team_id,
      language: r.language,
      handleMs: assignedAt === null ? null : Math.max(0, closedAt - assignedAt),
      // Passed to another team, the recorded wait runs to the last assignment
      // while the first response came from the first operator: the writing
      // time is then counted from the queue (as if the first assignment was at once).
      replyAfterMs:
        assignedAt === null || first === null
          ? null
          : Math.max(0, first - (r.transferred ? 0 : (wait ?? 0))),
      patienceMs: r.abandoned ? Math.max(0, closedAt - queuedAt) : null,
      transferred: r.transferred,
      actual: {
        waitMs: wait,
        firstResponseMs: first,
        abandoned: r.abandoned,
        operatorId: r.operator_id,
      },
    };
  });
}

/** Online intervals within [from, to) per operator, from the status at `from` and the changes after. */
export async function onlineIntervals(
  db: Kysely<Database>,
  accountId: string,
  from: Date,
  to: Date,
): Promise<Map<string, [number, number][]>> {
  const before = await db
    .selectFrom('operator_status_log')
    .distinctOn('operator_id')
    .select(['operator_id', 'status', 'at'])
    .where('account_id', '=', accountId)
    .where('at', '<', from)
    .orderBy('operator_id')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const during = await db
    .selectFrom('operator_status_log')
    .select(['operator_id', 'status', 'at'])
    .where('account_id', '=', accountId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const since = new Map<string, number | null>();
  const out = new Map<string, [number, number][]>();
  const change = (operatorId: string, status: OperatorStatus, at: number) => {
    const start = since.get(operatorId) ?? null;
    if (status === 'online') {
      if (start === null) since.set(operatorId, at);
      return;
    }
    if (start !== null) {
      const list = out.get(operatorId) ?? [];
      if (at > start) list.push([start, at]);
      out.set(operatorId, list);
    }
    since.set(operatorId, null);
  };
  for (const r of before) change(r.operator_id, r.status, from.getTime());
  for (const r of during) change(r.operator_id, r.status, ms(r.at));
  for (const [operatorId, start] of since)
    if (start !== null) change(operatorId, 'offline', to.getTime());
  return out;
}

export async function replayHistory(
  db: Kysely<Database>,
  accountId: string,
  period: { from: Date; to: Date },
): Promise<ReplayHistory> {
  const [conversations, online, operators, members, teams, account] = await Promise.all([
    periodConversations(db, accountId, period.from, period.to),
    onlineIntervals(db, accountId, period.from, period.to),
    db
      .selectFrom('operators')
      .select(['id', 'name', 'limit', 'languages'])
      .where('account_id', '=', accountId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('team_members as m')
      .innerJoin('teams as t', 't.id', 'm.team_id')
      .select(['m.operator_id', 'm.team_id'])
      .where('t.account_id', '=', accountId)
      .execute(),
    db
      .selectFrom('teams')
      .select(['id', 'mode', 'language_routing', 'language_timeout_ms'])
      .where('account_id', '=', accountId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('accounts')
      .select('settings')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow(),
  ]);
  const teamsOf = new Map<string, string[]>();
  for (const m of members)
    teamsOf.set(m.operator_id, [...(teamsOf.get(m.operator_id) ?? []), m.team_id]);
  return {
    conversations,
    operators: operators.map((o) => ({
      id: o.id,
      name: o.name,
      limit: o.limit,
      teamIds: teamsOf.get(o.id) ?? [],
      languages: o.languages,
      online: online.get(o.id) ?? [],
    })),
    teams: teams.map((t) => ({
      id: t.id,
      mode: t.mode,
      languageRouting: t.language_routing,
      languageTimeoutMs: t.language_timeout_ms,
    })),
    accountPolicy: account.settings.routing,
    serviceLevelTargetMs: account.settings.serviceLevelTargetMs,
  };
}
