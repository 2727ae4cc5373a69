// The search as GET /search answers it — words analysed by the database, one
// tsquery for messages and one for contacts, run side by side — shared by the
// route and bench/search.ts so the benchmark times what users get.
import type { Kysely } from 'kysely';
import {
  contactTsQuery,
  excerpt,
  messageTsQuery,
  queryWords,
  restoreHeadline,
} from '../../domain/search/query.js';
import type { Database } from '../schema.js';
import { analyseWords, searchContacts, searchMessages } from './search.js';
import type { Viewer } from './visibility.js';

const CONTACTS_LIMIT = 10;

export interface FindInput {
  accountId: string;
  viewer: Viewer;
  q: string;
  before?: { at: Date; id: string } | undefined;
  limit: number;
}

/** Null when the query has no word at all (only punctuation). */
export async function findAnything(db: Kysely<Database>, input: FindInput) {
  const words = queryWords(input.q);
  if (words.length === 0) return null;
  const tsquery = messageTsQuery(await analyseWords(db, words));
  const [messages, contacts] = await Promise.all([
    tsquery
      ? searchMessages(db, {
          accountId: input.accountId,
          viewer: input.viewer,
          tsquery,
          limit: input.limit,
          ...(input.before ? { before: input.before } : {}),
        })
      : { rows: [], next: null },
    // Contacts on the first page only; later pages continue the messages.
    input.before
      ? []
      : searchContacts(db, {
          accountId: input.accountId,
          viewer: input.viewer,
          tsquery: contactTsQuery(input.q, words),
          exact: input.q.trim(),
          limit: CONTACTS_LIMIT,
        }),
  ]);
  return {
    messages: messages.rows.map((m) => ({
      messageId: m.id,
      seq: m.seq,
      author: m.author_kind,
      createdAt: new Date(m.created_at).toISOString(),
      conversation: {
        id: m.conversation_id,
        channelId: m.channel_id,
        contactId: m.contact_id,
        contactName: m.contact_name,
        teamId: m.team_id,
        operatorId: m.operator_id,
        state: m.state,
      },
      snippet: excerpt(restoreHeadline(m.headline, m.text)),
    })),
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      conversationId: c.conversation_id,
    })),
    next: messages.next,
  };
}

/** GET /search's answer (the cursor encoded). */
export type SearchResult = Omit<NonNullable<Awaited<ReturnType<typeof findAnything>>>, 'next'> & {
  nextCursor: string | null;
};
