// The events table is the outbox: events are inserted in the same transaction
// as the change they describe and published only after commit.
import { sql, type Transaction } from 'kysely';
import { inOneMessage } from '../store/one-message.js';
import type { Database } from '../store/schema.js';
import type { PendingEvent, StoredEvent } from './catalog.js';

/**
 * Writes the transaction's events and commits it, in one message to the
 * server, and returns the events with their ids and sequence numbers. The
 * last thing a transaction does (perform, src/actions/context.ts).
 *
 * The write takes a per-account transaction-level advisory lock first, held
 * until commit (a committed transaction is visible before its locks are
 * released), so within an account both the ids (drawn from the global
 * sequence inside the lock) and the per-account `seq` (the account's highest
 * + 1, read inside the lock) follow commit order, and `seq` has no holes: a
 * node that holds event n and sees n+2 knows n+1 is committed and can read it
 * from the table.
 *
 * Every transaction of an account that emits events waits for that lock, so
 * how long it is held bounds the account's rate of such transactions. The
 * lock, the insert and the COMMIT therefore go as one multi-statement query:
 * the server takes the lock, writes and commits without waiting for this
 * process in between (src/store/one-message.ts) — a round trip to a busy
 * Node process can take milliseconds, and three of them under the lock made
 * every other writer of the account queue behind it (docs/architecture.md,
 * "The outbox lock"). The pool's client skips the COMMIT Kysely sends
 * afterwards (src/store/pg-pool.ts).
 *
 * The events go as one JSON array, whatever their number: one short statement
 * to parse and plan, and one row back (the ids, and the time every row gets
 * as `created_at`). That time is read inside the lock, just before the commit
 * — not the transaction's start — so within an account it follows `seq`, and
 * an event's age (`at` to a socket, the bus-lag metric) measures delivery,
 * not how long the work before it took.
 */
export async function appendEventsAndCommit(
  trx: Transaction<Database>,
  accountId: string,
  events: readonly PendingEvent[],
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({
    type: e.type,
    conversation_id: e.conversationId,
    audience: e.audience,
    payload: e.payload,
    route_operator_id: e.route?.operatorId ?? null,
    route_team_id: e.route?.teamId ?? null,
    routed: e.route !== null,
  }));
  interface Inserted {
    ids: (string | number | bigint)[];
    first: string | number;
    at: Date | string;
  }
  const [inserted] = await inOneMessage<Inserted, Database>(trx, [
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`events:${accountId}`}, 0))`,
    sql`
      WITH stamp AS (SELECT clock_timestamp() AS at),
      inserted AS (
        INSERT INTO events (account_id, seq, type, conversation_id, audience, payload,
                            route_operator_id, route_team_id, routed, created_at)
        SELECT ${accountId}::uuid,
               (SELECT COALESCE(max(seq), 0) FROM events WHERE account_id = ${accountId}::uuid)
                 + e.ordinality,
               e.type, e.conversation_id, e.audience, e.payload,
               e.route_operator_id, e.route_team_id, e.routed, stamp.at
        FROM json_populate_recordset(NULL::events, ${JSON.stringify(rows)}::json)
               WITH ORDINALITY AS e,
             stamp
        ORDER BY e.ordinality
        RETURNING id, seq, created_at
      )
      SELECT array_agg(id ORDER BY id) AS ids, min(seq) AS first, min(created_at) AS at
      FROM inserted`,
    sql`COMMIT`,
  ]);
  // Ids come from one sequence in insertion order, so the sorted ids are the events' in order;
  // seqs are consecutive from the first.
  const ids = inserted!.ids.map(Number);
  const first = Number(inserted!.first);
  const at = new Date(inserted!.at).toISOString();
  return events.map((e, i) => ({ ...e, id: ids[i]!, seq: first + i, accountId, at }));
}
