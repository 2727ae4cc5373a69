// Demand per hour of the week, for the staffing forecast. Aggregated in SQL so a
// busy account's weeks come back as at most 168 rows. The hour of the week is
// taken in the requested IANA zone (PostgreSQL's AT TIME ZONE follows DST).
import { type Kysely, sql } from 'kysely';
import type { HourOfWeekSample } from '../../domain/staffing-forecast.js';
import type { IntervalSample } from '../../domain/staffing-intervals.js';
import type { Database } from '../schema.js';

export interface DemandFilter {
  from: Date;
  to: Date;
  tz: string;
  channelId?: string | undefined;
  teamId?: string | undefined;
}

/**
 * Conversations created in [from, to) that reached operators (queued or
 * assigned; bot-only ones need nobody), filed under the local hour they
 * entered the queue. Handle time is assignment → close, the figure measured
 * at the operators' real concurrency (see src/domain/staffing.ts).
 */
export async function hourOfWeekDemand(
  db: Kysely<Database>,
  accountId: string,
  f: DemandFilter,
): Promise<HourOfWeekSample[]> {
  const local = sql`(coalesce(queued_at, assigned_at, created_at) AT TIME ZONE ${f.tz})`;
  const handled = sql`closed_at IS NOT NULL AND assigned_at IS NOT NULL`;
  let q = db
    .selectFrom('conversations')
    .select([
      sql<number>`extract(isodow FROM ${local})::int - 1`.as('day'),
      sql<number>`extract(hour FROM ${local})::int`.as('hour'),
      sql<string>`count(*)`.as('arrivals'),
      sql<string>`count(*) FILTER (WHERE ${handled})`.as('handled'),
      sql<
        number | null
      >`sum(greatest(0, extract(epoch FROM closed_at - assigned_at))) FILTER (WHERE ${handled})`.as(
        'handle_s',
      ),
    ])
    .where('account_id', '=', accountId)
    .where('created_at', '>=', f.from)
    .where('created_at', '<', f.to)
    .where((eb) => eb.or([eb('queued_at', 'is not', null), eb('assigned_at', 'is not', null)]));
  if (f.channelId) q = q.where('channel_id', '=', f.channelId);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  const rows = await q.groupBy([sql`1`, sql`2`]).execute();
  return rows.map((r) => ({
    dayOfWeek: Number(r.day),
    hour: Number(r.hour),
    arrivals: Number(r.arrivals),
    handled: Number(r.handled),
    handleSecondsTotal: Number(r.handle_s ?? 0),
  }));
}

/**
 * Demand per 15/30/60-minute interval of the week: the same conversations as
 * hourOfWeekDemand, filed under the local interval they entered the queue.
 */
export async function intervalDemand(
  db: Kysely<Database>,
  accountId: string,
  f: DemandFilter & { intervalMinutes: number },
): Promise<IntervalSample[]> {
  const local = sql`(coalesce(queued_at, assigned_at, created_at) AT TIME ZONE ${f.tz})`;
  const handled = sql`closed_at IS NOT NULL AND assigned_at IS NOT NULL`;
  let q = db
    .selectFrom('conversations')
    .select([
      sql<number>`extract(isodow FROM ${local})::int - 1`.as('day'),
      sql<number>`extract(hour FROM ${local})::int`.as('hour'),
      sql<number>`(floor(extract(minute FROM ${local}) / ${f.intervalMinutes}) * ${f.intervalMinutes})::int`.as(
        'minute',
      ),
      sql<string>`count(*)`.as('arrivals'),
      sql<string>`count(*) FILTER (WHERE ${handled})`.as('handled'),
      sql<
        number | null
      >`sum(greatest(0, extract(epoch FROM closed_at - assigned_at))) FILTER (WHERE ${handled})`.as(
        'handle_s',
      ),
    ])
    .where('account_id', '=', accountId)
    .where('created_at', '>=', f.from)
    .where('created_at', '<', f.to)
    .where((eb) => eb.or([eb('queued_at', 'is not', null), eb('assigned_at', 'is not', null)]));
  if (f.channelId) q = q.where('channel_id', '=', f.channelId);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  const rows = await q.groupBy([sql`1`, sql`2`, sql`3`]).execute();
  return rows.map((r) => ({
    dayOfWeek: Number(r.day),
    hour: Number(r.hour),
    minute: Number(r.minute),
    arrivals: Number(r.arrivals),
    handled: Number(r.handled),
    handleSecondsTotal: Number(r.handle_s ?? 0),
  }));
}

/**
 * What operators really carried: Σ assignment → close over the period's
 * handled conversations, and the time each operator had at least one open
 * (the union of their conversations' spans, range_agg: PostgreSQL 14+).
 * Their ratio is the concurrency sustained (src/domain/staffing-intervals.ts).
 */
export async function carriedLoad(
  db: Kysely<Database>,
  accountId: string,
  f: Omit<DemandFilter, 'tz'>,
): Promise<{ busySeconds: number; activeSeconds: number; averageLimit: number | null }> {
  const channel = f.channelId ? sql`AND channel_id = ${f.channelId}` : sql``;
  const team = f.teamId ? sql`AND team_id = ${f.teamId}` : sql``;
  const { rows } = await sql<{ busy: number | null; active: number | null; limit: number | null }>`
    WITH spans AS (
      SELECT operator_id, tstzrange(assigned_at, closed_at) AS span,
        extract(epoch FROM closed_at - assigned_at) AS seconds
      FROM conversations
      WHERE account_id = ${accountId} AND operator_id IS NOT NULL
        AND assigned_at >= ${f.from} AND assigned_at < ${f.to}
        AND closed_at > assigned_at ${channel} ${team}
    ), per AS (
      SELECT operator_id, sum(seconds) AS busy, range_agg(span) AS spans FROM spans GROUP BY operator_id
    )
    SELECT (SELECT sum(busy) FROM per)::float8 AS busy,
      (SELECT sum(extract(epoch FROM upper(r) - lower(r))) FROM per, unnest(per.spans) AS r)::float8 AS active,
      (SELECT avg(o."limit") FROM operators o WHERE o.id IN (SELECT operator_id FROM per))::float8 AS limit`.execute(
    db,
  );
  const row = rows[0];
  return {
    busySeconds: Number(row?.busy ?? 0),
    activeSeconds: Number(row?.active ?? 0),
    averageLimit: row?.limit == null ? null : Number(row.limit),
  };
}
