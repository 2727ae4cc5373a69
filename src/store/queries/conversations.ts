// Reads for routes. Every function takes the account id first: no read crosses accounts.
import type { ExpressionBuilder, Kysely } from 'kysely';
import { queueOrderKey } from '../queue-order-sql.js';
import type { ConversationState, Database } from '../schema.js';

/**
 * The contact's name as `contact_name`, for presentConversation. A scalar
 * subquery rather than a join, so it also fits UPDATE … RETURNING and
 * INSERT … RETURNING, and SELECT … FOR UPDATE still locks only the conversation.
 */
/**
 * The name a conversation's contact is shown by: the name they gave or a
 * channel knows, else their e-mail address (an e-mail sender without a display
 * name), else null (an anonymous visitor).
 */
export function contactName(eb: ExpressionBuilder<Database, 'conversations'>) {
  return eb
    .selectFrom('contacts')
    .select((c) => c.fn.coalesce('contacts.name', 'contacts.email').as('name'))
    .whereRef('contacts.id', '=', 'conversations.contact_id')
    .as('contact_name');
}

export interface ConversationFilter {
  state?: ConversationState;
  operatorId?: string;
  teamIds?: string[] | null;
  contactId?: string;
  channelId?: string;
  limit: number;
}

export function listConversations(db: Kysely<Database>, accountId: string, f: ConversationFilter) {
  let q = db
    .selectFrom('conversations')
    .selectAll()
    .select(contactName)
    .where('account_id', '=', accountId);
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
      ? q.orderBy(queueOrderKey('conversations'))
      : q.orderBy('created_at', 'desc');
  return ordered.limit(f.limit).execute();
}

export function getConversation(db: Kysely<Database>, accountId: string, id: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .select(contactName)
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

/** A conversation's transfers, oldest first, for its history (operators only). */
export function listTransfers(db: Kysely<Database>, accountId: string, conversationId: string) {
  return db
    .selectFrom('transfers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
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

/**
 * Who handles a conversation of the account right now: its operator id, null
 * when nobody does, undefined when there is no such conversation.
 */
export async function conversationOperatorId(
  db: Kysely<Database>,
  accountId: string,
  conversationId: string,
): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('conversations')
    .select('operator_id')
    .where('id', '=', conversationId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.operator_id;
}
