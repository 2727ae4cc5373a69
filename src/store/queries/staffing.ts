// Demand per hour of the week, for the staffing forecast. Aggregated in SQL so a
// busy account's weeks come back as at most 168 rows. The hour of the week is
// taken in the requested IANA zone (PostgreSQL's AT TIME ZONE follows DST).
import { type Kysely, sql } from 'kysely';
import type { HourOfWeekSample } from '../../domain/staffing-forecast.js';
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
