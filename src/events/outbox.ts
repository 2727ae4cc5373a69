// The events table is the outbox: events are inserted in the same transaction
// as the change they describe and published only after commit.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import type { PendingEvent, StoredEvent } from './catalog.js';

const EVENTS_PER_INSERT = 4_000;

/**
 * Writes events and returns them with their ids. Takes a per-account
 * transaction-level advisory lock first, held until commit, so that within an
 * account event ids become visible in increasing order: a client resuming
 * "after id N" can never miss a smaller id committed later. Call it last in the
 * transaction to keep the lock short.
 */
export async function appendEvents(
  trx: Transaction<Database>,
  accountId: string,
  events: readonly PendingEvent[],
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`events:${accountId}`}, 0))`.execute(
    trx,
  );
  // In chunks: one INSERT may bind at most 65,535 parameters (8 per event),
  // and a router pass can assign 10,000 conversations at once.
  const rows: { id: string; created_at: Date }[] = [];
  for (let start = 0; start < events.length; start += EVENTS_PER_INSERT) {
    const chunk = await trx
      .insertInto('events')
      .values(
        events.slice(start, start + EVENTS_PER_INSERT).map((e) => ({
          account_id: accountId,
          type: e.type,
          conversation_id: e.conversationId,
          audience: e.audience,
          payload: JSON.stringify(e.payload),
          route_operator_id: e.route?.operatorId ?? null,
          route_team_id: e.route?.teamId ?? null,
          routed: e.route !== null,
        })),
      )
      .returning(['id', 'created_at'])
      .execute();
    rows.push(...chunk);
  }
  return events.map((e, i) => ({
    ...e,
    id: Number(rows[i]!.id),
    accountId,
    at: new Date(rows[i]!.created_at).toISOString(),
  }));
}
