// An operator writes first (issue 15): reopening a closed conversation, or
// starting one with a known contact on e-mail, Telegram or the API channel.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { reopenConversation } from '../../actions/conversations/reopen-conversation.js';
import { startOutboundConversation } from '../../actions/conversations/start-outbound-conversation.js';
import { StartedConversation } from '../../contract/conversations.js';
import { invalid, notFound } from '../../errors.js';
import { presentConversation } from '../../presenters.js';
import { listConversationPage } from '../../store/queries/conversation-list.js';
import { operatorScope } from '../auth.js';
import { replies, STAFF } from '../replies.js';
import { viewerOf } from '../viewer.js';

const id = z.object({ id: z.string().uuid() });

export async function registerConversationStartRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.post(
    '/conversations',
    {
      schema: {
        response: replies(
          { 200: StartedConversation, 201: StartedConversation },
          STAFF,
          'not_found',
          'contact_blocked',
          'conflict',
        ),
        tags: ['conversations'],
        summary:
          "Start a conversation with a known contact on an e-mail, Telegram or API channel and write first; it is yours (201), or the contact's open one there (200)",
        body: z.object({
          contactId: z.string().uuid(),
          channelId: z.string().uuid(),
          subject: z.string().trim().min(1).max(200).nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const viewer = await viewerOf(services, request);
      // An operator writes to contacts they may see: one of their conversations is visible.
      if (viewer.teamIds !== null) {
        const seen = await listConversationPage(services.db, scope.accountId, viewer, {
          contactId: request.body.contactId,
          limit: 1,
        });
        if (seen.rows.length === 0) throw invalid('contactId', 'Not found in your account.');
      }
      const { result } = await perform(services, scope, (ctx) =>
        startOutboundConversation(ctx, request.body),
      );
      return reply
        .status(result.created ? 201 : 200)
        .send({ conversation: presentConversation(result.conversation), created: result.created });
    },
  );

  app.post(
    '/conversations/:id/reopen',
    {
      schema: {
        response: replies(
          { 200: StartedConversation, 201: StartedConversation },
          STAFF,
          'not_found',
          'contact_blocked',
          'conflict',
        ),
        tags: ['conversations'],
        summary:
          'Reopen a closed conversation as a new one of yours in the same thread of history (reopenedFromId); 200 with the open one if the contact already has one there',
        params: id,
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const viewer = await viewerOf(services, request);
      const visible = await listConversationPage(services.db, scope.accountId, viewer, {
        ids: [request.params.id],
        limit: 1,
      });
      if (visible.rows.length === 0) throw notFound('Conversation');
      const { result } = await perform(services, scope, (ctx) =>
        reopenConversation(ctx, { conversationId: request.params.id }),
      );
      return reply
        .status(result.created ? 201 : 200)
        .send({ conversation: presentConversation(result.conversation), created: result.created });
    },
  );
}
