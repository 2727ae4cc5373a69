// Finding anything (issue 15): full-text search over messages and contacts,
// limited to the conversations the caller may see (src/http/viewer.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SearchResult } from '../../contract/staff.js';
import { invalid } from '../../errors.js';
import { findAnything } from '../../store/queries/find-anything.js';
import { operatorScope } from '../auth.js';
import { cursorParam, encodeCursor } from '../keyset.js';
import { replies, STAFF } from '../replies.js';
import { viewerOf } from '../viewer.js';

export async function registerSearchRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/search',
    {
      schema: {
        response: replies({ 200: SearchResult }, STAFF),
        tags: ['conversations'],
        summary:
          'Search messages (stemmed: Russian, Ukrainian, English) and contacts (name, e-mail, phone, channel identity) in the conversations you may see; newest first, matches marked as plain-text segments',
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
      const found = await findAnything(services.db, {
        accountId,
        viewer,
        q,
        before: cursor,
        limit,
      });
      if (!found) throw invalid('q', 'Type a word to search for.');
      const { next, ...rest } = found;
      return { ...rest, nextCursor: encodeCursor(next) };
    },
  );
}
