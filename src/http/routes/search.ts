// Finding anything (issue 15): full-text search over messages and contacts,
// limited to the conversations the caller may see (src/http/viewer.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  contactTsQuery,
  excerpt,
  messageTsQuery,
  queryWords,
  restoreHeadline,
} from '../../domain/search/query.js';
import { invalid } from '../../errors.js';
import { analyseWords, searchContacts, searchMessages } from '../../store/queries/search.js';
import { operatorScope } from '../auth.js';
import { cursorParam, encodeCursor } from '../keyset.js';
import { viewerOf } from '../viewer.js';

const CONTACTS_LIMIT = 10;

export async function registerSearchRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/search',
    {
      schema: {
        tags: ['conversations'],
        summary:
          'Search messages (stemmed: Russian, Ukrainian, English) and contacts (name, e-mail, phone, channel identity) in the conversations you may see; newest first, matches marked',
        querystring: z.object({
          q: z.string().trim().min(1).max(200),
          cursor: cursorParam.optional(),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
      },
    },
    async (request) => {
      const viewer = await viewerOf(services, request);
      const { accountId } = operatorScope(request);
      const { q, cursor, limit } = request.query;
      const words = queryWords(q);
      if (words.length === 0) throw invalid('q', 'Type a word to search for.');
      const tsquery = messageTsQuery(await analyseWords(services.db, words));
      const [messages, contacts] = await Promise.all([
        tsquery
          ? searchMessages(services.db, {
              accountId,
              viewer,
              tsquery,
              limit,
              ...(cursor ? { before: cursor } : {}),
            })
          : { rows: [], next: null },
        // Contacts on the first page only; later pages continue the messages.
        cursor
          ? []
          : searchContacts(services.db, {
              accountId,
              viewer,
              tsquery: contactTsQuery(q, words),
              exact: q,
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
        nextCursor: encodeCursor(messages.next),
      };
    },
  );
}
