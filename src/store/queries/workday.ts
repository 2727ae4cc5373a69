// Reads for the workspace's rows and notes: last message, unread counts, notes.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** How much of the last message a row shows (one line). */
export const PREVIEW_LENGTH = 140;

export interface ConversationSummaryRow {
  conversation_id: string;
  operator_id: string | null;
  team_id: string | null;
  read_seq: number;
  unread: number;
  last_seq: number | null;
  last_author_kind: string | null;
  last_author_name: string | null;
  last_text: string | null;
  last_attachments: number | null;
  last_at: Date | null;
}

/**
 * For each conversation: its last message (who wrote it, the start of its
 * text) and how many clients' messages came after the operator's read
 * position. One index probe per conversation on messages (conversation, seq).
 */
export async function conversationSummaries(
  db: Kysely<Database>,
  accountId: string,
  operatorId: string,
  conversationIds: readonly string[],
): Promise<ConversationSummaryRow[]> {
  if (conversationIds.length === 0) return [];
  const ids = sql.join(conversationIds.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<ConversationSummaryRow>`
    SELECT c.id AS conversation_id, c.operator_id, c.team_id,
           coalesce(r.read_seq, 0) AS read_seq,
           (SELECT count(*)::int FROM messages m
             WHERE m.conversation_id = c.id AND m.seq > coalesce(r.read_seq, 0)
               AND m.author_kind = 'contact') AS unread,
           last.seq AS last_seq,
           last.author_kind AS last_author_kind,
           coalesce(o.name, ct.name) AS last_author_name,
           left(last.text, ${PREVIEW_LENGTH}) AS last_text,
           jsonb_array_length(last.attachments) AS last_attachments,
           last.created_at AS last_at
      FROM conversations c
      LEFT JOIN conversation_reads r ON r.operator_id = ${operatorId} AND r.conversation_id = c.id
      LEFT JOIN LATERAL (
        SELECT m.seq, m.author_kind, m.author_id, m.text, m.attachments, m.created_at
          FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1
      ) last ON true
      LEFT JOIN operators o ON last.author_kind = 'operator' AND o.id = last.author_id
      LEFT JOIN contacts ct ON last.author_kind = 'contact' AND ct.id = last.author_id
     WHERE c.account_id = ${accountId} AND c.id IN (${ids})`.execute(db);
  return rows;
}

export function listNotes(db: Kysely<Database>, accountId: string, conversationId: string) {
  return db
    .selectFrom('notes as n')
    .leftJoin('operators as o', 'o.id', 'n.author_id')
    .selectAll('n')
    .select('o.name as author_name')
    .where('n.account_id', '=', accountId)
    .where('n.conversation_id', '=', conversationId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

/** Whether a note in the conversation mentions the operator (it lets them open it). */
export async function mentionedIn(
  db: Kysely<Database>,
  accountId: string,
  conversationId: string,
  operatorId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('notes')
    .select('id')
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where((eb) => eb(eb.val(operatorId), '=', eb.fn.any('mentions')))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
