import { type Kysely, sql } from 'kysely';
import type { StoredEvent } from '../../events/catalog.js';
import type { Database } from '../schema.js';

export async function latestEventId(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Events after `afterId` in id order; for a visitor only their conversations' public events. */
export async function eventsAfter(
  db: Kysely<Database>,
  accountId: string,
  afterId: number,
  limit: number,
  visitor: { conversationIds: string[] } | null,
): Promise<StoredEvent[]> {
  let q = db
    .selectFrom('events')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '>', sql<string>`${afterId}`)
    .orderBy('id')
    .limit(limit);
  if (visitor) {
    if (visitor.conversationIds.length === 0) return [];
    q = q
      .where('audience', '=', 'conversation')
      .where('conversation_id', 'in', visitor.conversationIds);
  }
  const rows = await q.execute();
  return rows.map(
    (r) =>
      ({
        id: Number(r.id),
        accountId: r.account_id,
        type: r.type,
        audience: r.audience,
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
