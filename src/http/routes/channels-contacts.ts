// One contact, many channels: an operator merges two contacts that are one person.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mergeContacts } from '../../actions/contacts/merge-contacts.js';
import { perform } from '../../actions/context.js';
import { MergedContact } from '../../contract/channels.js';
import { operatorScope } from '../auth.js';
import { replies, STAFF } from '../replies.js';

export async function registerChannelContactRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.post(
    '/contacts/:id/merge',
    {
      schema: {
        response: replies({ 200: MergedContact }, STAFF, 'not_found'),
        tags: ['contacts'],
        summary: 'Merge another contact into this one (identities, conversations, history)',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ mergedContactId: z.string().uuid() }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        mergeContacts(ctx, {
          contactId: request.params.id,
          mergedContactId: request.body.mergedContactId,
        }),
      );
      return {
        contact: { id: result.id, name: result.name, email: result.email, blocked: result.blocked },
      };
    },
  );
}
