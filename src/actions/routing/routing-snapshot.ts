// Reads the routing state of one account into the plain data the pure router
// (src/domain/routing) takes.
import { sql } from 'kysely';
import type {
  QueuedConversation,
  RoundRobinState,
  RoutingOperator,
  RoutingPolicy,
} from '../../domain/routing/index.js';
import type { AccountSettings } from '../../store/schema.js';
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

export async function loadRoutingSnapshot(ctx: ActionContext): Promise<RoutingSnapshot> {
  const [queue, operators, members, teams, cursors, account] = await Promise.all([
    ctx.trx
      .selectFrom('conversations')
      .select([
        'id',
        'team_id',
        'priority',
        'queued_at',
        'created_at',
        'language',
        'excluded_operator_id',
      ])
      .where('account_id', '=', ctx.accountId)
      .where('state', '=', 'queued')
      .orderBy('priority')
      .orderBy('queued_at')
      .limit(QUEUE_BATCH)
      .execute(),
    ctx.trx
      .selectFrom('operators')
      .select(['id', 'status', 'limit', 'open_count', 'languages', 'last_assigned_at'])
      .where('account_id', '=', ctx.accountId)
      .where('status', '=', 'online')
      .execute(),
    ctx.trx
      .selectFrom('team_members')
      .select(['operator_id', 'team_id'])
      .where('account_id', '=', ctx.accountId)
      .execute(),
    ctx.trx.selectFrom('teams').selectAll().where('account_id', '=', ctx.accountId).execute(),
    ctx.trx
      .selectFrom('routing_cursors')
      .selectAll()
      .where('account_id', '=', ctx.accountId)
      .execute(),
    ctx.trx
      .selectFrom('accounts')
      .select('settings')
      .where('id', '=', ctx.accountId)
      .executeTakeFirstOrThrow(),
  ]);
  const teamsOf = new Map<string, string[]>();
  for (const m of members)
    teamsOf.set(m.operator_id, [...(teamsOf.get(m.operator_id) ?? []), m.team_id]);
  const policies = new Map<string, RoutingPolicy>(
    teams.map((t) => [
      t.id,
      {
        mode: t.mode,
        languageRouting: t.language_routing,
        languageTimeoutMs: t.language_timeout_ms,
      },
    ]),
  );
  const accountPolicy: RoutingPolicy = account.settings.routing;
  return {
    queue: queue.map((c) => ({
      id: c.id,
      teamId: c.team_id,
      priority: c.priority,
      queuedAt: new Date(c.queued_at ?? c.created_at).getTime(),
      language: c.language,
      excludedOperatorId: c.excluded_operator_id,
    })),
    operators: operators.map((o) => ({
      id: o.id,
      status: o.status,
      limit: o.limit,
      open: o.open_count,
      teamIds: teamsOf.get(o.id) ?? [],
      languages: o.languages,
      lastAssignedAt: o.last_assigned_at ? new Date(o.last_assigned_at).getTime() : null,
    })),
    policyFor: (teamId) => (teamId ? (policies.get(teamId) ?? accountPolicy) : accountPolicy),
    roundRobin: Object.fromEntries(cursors.map((c) => [c.team_key, c.last_operator_id])),
    settings: account.settings,
  };
}

/** Serialises routers of one account across all nodes, until commit. */
export async function lockAccountRouting(ctx: ActionContext): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`route:${ctx.accountId}`}, 0))`.execute(
    ctx.trx,
  );
}
