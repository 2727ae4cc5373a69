import { type Kysely, sql } from 'kysely';
import {
  EVENT_AUDIENCE,
  type EventType,
  type StoredEvent,
  VISITOR_AUDIENCES,
} from '../../events/catalog.js';

/** The event types a visitor may receive, by their declared audience. */
const VISITOR_TYPES = (Object.keys(EVENT_AUDIENCE) as EventType[]).filter((t) =>
  VISITOR_AUDIENCES.includes(EVENT_AUDIENCE[t]),
);

import type { Database } from '../schema.js';

export async function latestEventId(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The account's newest event: its id and seq, both 0 for an account without events. */
export async function latestEvent(
  db: Kysely<Database>,
  accountId: string,
): Promise<{ id: number; seq: number }> {
  const row = await db
    .selectFrom('events')
    .select(['id', 'seq'])
    .where('account_id', '=', accountId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { id: Number(row?.id ?? 0), seq: Number(row?.seq ?? 0) };
}

/** The newest seq of each account (0 without events): one index probe per account. */
export async function latestSeqs(
  db: Kysely<Database>,
  accountIds: readonly string[],
): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const { rows } = await sql<{ account_id: string; seq: string | number | null }>`
    SELECT a.account_id,
      (SELECT e.seq FROM events e WHERE e.account_id = a.account_id ORDER BY e.seq DESC LIMIT 1) AS seq
    FROM unnest(${sql.val(accountIds)}::uuid[]) AS a(account_id)`.execute(db);
  return new Map(rows.map((r) => [r.account_id, Number(r.seq ?? 0)]));
}

/**
 * Events after a point (a seq, or for older clients an id: within an account
 * both follow commit order) up to `upToSeq`, in order, at most `limit`; for a
 * visitor only their conversations' public events.
 */
export async function eventsAfter(
  db: Kysely<Database>,
  accountId: string,
  range: {
    after: { seq: number } | { id: number };
    upToSeq: number;
    limit: number;
    visitor: { conversationIds: string[] } | null;
  },
): Promise<StoredEvent[]> {
  const { after, upToSeq, limit, visitor } = range;
  let q = db
    .selectFrom('events')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('seq', '<=', sql<string>`${upToSeq}`)
    .orderBy('seq')
    .limit(limit);
  // An id is turned into the seq of the account's last event at or before it
  // (one probe of the (account_id, id) index): filtering the seq range by id
  // would read the account's whole history on every resume.
  q =
    'seq' in after
      ? q.where('seq', '>', sql<string>`${after.seq}`)
      : q.where(
          'seq',
          '>',
          sql<string>`COALESCE((SELECT p.seq FROM events p WHERE p.account_id = ${accountId}
            AND p.id <= ${after.id} ORDER BY p.id DESC LIMIT 1), 0)`,
        );
  if (visitor) {
    if (visitor.conversationIds.length === 0) return [];
    q = q
      .where('type', 'in', VISITOR_TYPES)
      .where('conversation_id', 'in', visitor.conversationIds);
  }
  const rows = await q.execute();
  return rows.map(
    (r) =>
      ({
        id: Number(r.id),
        seq: Number(r.seq),
        accountId: r.account_id,
        type: r.type,
        // The audience declared for the type today, also for events stored before it changed.
        audience: EVENT_AUDIENCE[r.type as EventType],
        conversationId: r.conversation_id,
        payload: r.payload,
        route: r.routed ? { operatorId: r.route_operator_id, teamId: r.route_team_id } : null,
        at: new Date(r.created_at).toISOString(),
      }) as StoredEvent,
  );
}

/** A visitor's conversations: their contact's, on the channel their token names. */
export async function ownConversationIds(
  db: Kysely<Database>,
  accountId: string,
  visitor: { contactId: string; channelId: string },
) {
  const rows = await db
    .selectFrom('conversations')
    .select('id')
    .where('account_id', '=', accountId)
    .where('contact_id', '=', visitor.contactId)
    .where('channel_id', '=', visitor.channelId)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Accounts whose event tail has work: an external channel whose outbound
 * cursor (`consumer`) is missing or behind the account's newest event, or an
 * active webhook behind it. Each test is one probe of events (account_id, id).
 */
export async function accountsWithUnreadEvents(
  db: Kysely<Database>,
  consumer: string,
): Promise<string[]> {
  const after = (account: string, cursor: string) =>
    db
      .selectFrom('events as e')
      .select(sql`1`.as('one'))
      .whereRef('e.account_id', '=', sql.ref(account))
      .whereRef('e.id', '>', sql.ref(cursor));
  const rows = await db
    .selectFrom('channels as ch')
    .leftJoin('event_cursors as c', (join) =>
      join.onRef('c.account_id', '=', 'ch.account_id').on('c.consumer', '=', consumer),
    )
    .select('ch.account_id')
    .where('ch.kind', '<>', 'widget')
    .where((eb) =>
      eb.or([eb('c.event_id', 'is', null), eb.exists(after('ch.account_id', 'c.event_id'))]),
    )
    .union(
      db
        .selectFrom('webhooks as w')
        .select('w.account_id')
        .where('w.active', '=', true)
        .where((eb) => eb.exists(after('w.account_id', 'w.cursor_event_id'))),
    )
    .execute();
  return rows.map((r) => r.account_id);
}
