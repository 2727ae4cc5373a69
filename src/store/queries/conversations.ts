// Reads for routes. Every function takes the account id first: no read crosses accounts.
import type { Kysely } from 'kysely';
import type { ConversationState, Database } from '../schema.js';

export interface ConversationFilter {
  state?: ConversationState;
  operatorId?: string;
  teamIds?: string[] | null;
  contactId?: string;
  channelId?: string;
  limit: number;
}

export function listConversations(db: Kysely<Database>, accountId: string, f: ConversationFilter) {
  let q = db.selectFrom('conversations').selectAll().where('account_id', '=', accountId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.operatorId) q = q.where('operator_id', '=', f.operatorId);
  if (f.contactId) q = q.where('contact_id', '=', f.contactId);
  if (f.channelId) q = q.where('channel_id', '=', f.channelId);
  if (f.teamIds) {
    const teams = f.teamIds;
    q = q.where((eb) =>
      teams.length > 0
        ? eb.or([eb('team_id', 'is', null), eb('team_id', 'in', teams)])
        : eb('team_id', 'is', null),
    );
  }
  const ordered =
    f.state === 'queued'
      ? q.orderBy('priority').orderBy('queued_at').orderBy('id')
      : q.orderBy('created_at', 'desc');
  return ordered.limit(f.limit).execute();
}

export function getConversation(db: Kysely<Database>, accountId: string, id: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listMessages(
  db: Kysely<Database>,
  accountId: string,
  conversationId: string,
  afterSeq: number,
  limit: number,
) {
  return db
    .selectFrom('messages as m')
    .leftJoin('operators as o', 'o.id', 'm.author_id')
    .leftJoin('contacts as c', 'c.id', 'm.author_id')
    .selectAll('m')
    .select((eb) => eb.fn.coalesce('o.name', 'c.name').as('author_name'))
    .where('m.account_id', '=', accountId)
    .where('m.conversation_id', '=', conversationId)
    .where('m.seq', '>', afterSeq)
    .orderBy('m.seq')
    .limit(limit)
    .execute();
}

export function getContact(db: Kysely<Database>, accountId: string, id: string) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}
