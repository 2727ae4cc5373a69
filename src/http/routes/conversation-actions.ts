import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { assignConversation } from '../../actions/conversations/assign-conversation.js';
import { categorizeConversation } from '../../actions/conversations/categorize-conversation.js';
import { navigateVisitor } from '../../actions/conversations/navigate-visitor.js';
import { setConversationLanguage } from '../../actions/conversations/set-conversation-language.js';
import { transferConversation } from '../../actions/conversations/transfer-conversation.js';
import { authorize } from '../../actions/policy.js';
import { ConversationAnswer, NavigateAnswer } from '../../contract/conversations.js';
import { presentConversation } from '../../presenters.js';
import { operatorScope } from '../auth.js';
import { changeSet } from '../input-guards.js';
import { replies, STAFF } from '../replies.js';

const id = z.object({ id: z.string().uuid() });

export async function registerConversationActionRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.post(
    '/conversations/:id/transfer',
    {
      schema: {
        response: replies(
          { 200: ConversationAnswer },
          STAFF,
          'not_found',
          'conversation_closed',
          'operator_at_limit',
          'operator_not_online',
        ),
        tags: ['conversations'],
        summary:
          'Transfer to an operator (needs room unless a supervisor forces) or back to a team queue',
        params: id,
        body: z.object({
          toOperatorId: z.string().uuid().nullable().optional(),
          toTeamId: z.string().uuid().nullable().optional(),
          note: z.string().max(2000).nullable().optional(),
          force: z.boolean().optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const { result } = await perform(services, scope, (ctx) =>
        transferConversation(ctx, { conversationId: request.params.id, ...request.body }),
      );
      return { conversation: presentConversation(result) };
    },
  );

  app.post(
    '/conversations/:id/assign',
    {
      schema: {
        response: replies(
          { 200: ConversationAnswer },
          STAFF,
          'not_found',
          'conversation_closed',
          'operator_at_limit',
          'operator_not_online',
        ),
        tags: ['conversations'],
        summary:
          'Supervisor: assign a waiting conversation or reassign an open one (with a reason the previous operator sees)',
        params: id,
        body: z.object({
          operatorId: z.string().uuid(),
          force: z.boolean().optional(),
          reason: z.string().max(2000).nullable().optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.manage');
      const { result } = await perform(services, scope, (ctx) =>
        assignConversation(ctx, { conversationId: request.params.id, ...request.body }),
      );
      return { conversation: presentConversation(result) };
    },
  );

  app.put(
    '/conversations/:id/language',
    {
      schema: {
        response: replies({ 200: ConversationAnswer }, STAFF, 'not_found', 'conversation_closed'),
        tags: ['conversations'],
        summary:
          "Override the conversation's detected language (its operator or a supervisor); routing follows",
        params: id,
        body: z.object({ language: z.string().min(2).max(3) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const { result } = await perform(services, scope, (ctx) =>
        setConversationLanguage(ctx, {
          conversationId: request.params.id,
          language: request.body.language,
        }),
      );
      return { conversation: presentConversation(result) };
    },
  );

  app.patch(
    '/conversations/:id/category',
    {
      schema: {
        response: replies({ 200: ConversationAnswer }, STAFF, 'not_found'),
        tags: ['conversations'],
        summary:
          'Set or correct the category, target flag and note, also after the close (by the client too)',
        params: id,
        body: changeSet({
          categoryId: z.string().uuid().nullable().optional(),
          targeted: z.boolean().nullable().optional(),
          note: z.string().max(2000).nullable().optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const { result } = await perform(services, scope, (ctx) =>
        categorizeConversation(ctx, { conversationId: request.params.id, ...request.body }),
      );
      return { conversation: presentConversation(result) };
    },
  );

  app.post(
    '/conversations/:id/navigate',
    {
      schema: {
        response: replies({ 200: NavigateAnswer }, STAFF, 'not_found', 'conversation_closed'),
        tags: ['conversations'],
        summary: "Send the web visitor to a page of the channel's allowed sites",
        params: id,
        body: z.object({ url: z.string().max(2000) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const { result } = await perform(services, scope, (ctx) =>
        navigateVisitor(ctx, { conversationId: request.params.id, url: request.body.url }),
      );
      return result;
    },
  );
}
