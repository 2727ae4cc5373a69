// The queue order of src/domain/routing/queue-order.ts in SQL, the one place
// the database's readers take it from: channel priority, flagged (angry or
// urgent) first within it, time in line, id. `false < true`, so
// `flagged_at IS NULL` puts flagged conversations first.
import { type RawBuilder, sql } from 'kysely';

/** The ordering key over conversations aliased `alias`, for ORDER BY and row comparisons. */
export function queueOrderKey(alias: string): RawBuilder<unknown> {
  const a = sql.raw(alias);
  return sql`${a}.priority, (${a}.flagged_at IS NULL), COALESCE(${a}.queued_at, ${a}.created_at), ${a}.id`;
}

/** The key's value for one conversation, to count those ahead of it: `(key) < (value)`. */
export function queueOrderValue(c: {
  id: string;
  priority: number;
  flagged_at: Date | null;
  queued_at: Date | null;
  created_at: Date;
}): RawBuilder<unknown> {
  return sql`${c.priority}::int, ${c.flagged_at === null}::boolean, ${c.queued_at ?? c.created_at}::timestamptz, ${c.id}::uuid`;
}
