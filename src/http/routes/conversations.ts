import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { blockContact } from '../../actions/contacts/block-contact.js';
import { perform } from '../../actions/context.js';
import { closeConversation } from '../../actions/conversations/close-conversation.js';
import { takeConversation } from '../../actions/conversations/take-conversation.js';
import { authorize } from '../../actions/policy.js';
import {
  BlockedContact,
  ConversationAnswer,
  ConversationDetail,
  ConversationPage,
  MessageList,
  QueueStanding,
  SentMessage,
} from '../../contract/conversations.js';
import { AttachmentReferences } from '../../contract/events.js';
import { invalid } from '../../errors.js';
import { presentConversation, presentMessage, presentTransfer } from '../../presenters.js';
import { checkListIds, listConversationPage } from '../../store/queries/conversation-list.js';
import {
  getContact,
  listConversations,
  listMessages,
  listTransfers,
} from '../../store/queries/conversations.js';
import { queueStanding } from '../../store/queries/queue.js';
import type { ConversationWithContact } from '../../store/schema.js';
import { operatorScope } from '../auth.js';
import { loadVisibleConversation } from '../conversation-access.js';
import { cursorParam, encodeCursor } from '../keyset.js';
import { replies, STAFF } from '../replies.js';
import { viewerOf } from '../viewer.js';
import { instant } from './quality-filters.js';

const id = z.object({ id: z.string().uuid() });
export const messageBody = z.object({
  text: z.string().max(10_000).default(''),
  clientKey: z.string().min(1).max(100).optional(),
  attachments: AttachmentReferences.optional(),
});

export async function registerConversationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  /** Also a conversation a note mentions the operator in (src/http/conversation-access.ts). */
  async function loadVisible(
    request: FastifyRequest,
    conversationId: string,
  ): Promise<ConversationWithContact> {
    authorize(operatorScope(request).actor, 'conversation.work');
    return loadVisibleConversation(services.db, operatorScope(request), conversationId);
  }

  app.get(
    '/conversations',
    {
      schema: {
        response: replies({ 200: ConversationPage }, STAFF),
        tags: ['conversations'],
        summary:
          'Conversations you may see: the queue (state=queued, in queue order), mine, open (state=open) or closed ones, filtered; newest first, paged by cursor',
        querystring: z.object({
          state: z.enum(['bot', 'queued', 'assigned', 'closed', 'open']).optional(),
          mine: z.coerce.boolean().optional(),
          contactId: z.string().uuid().optional(),
          channelId: z.string().uuid().optional(),
          teamId: z.string().uuid().optional(),
          operatorId: z.string().uuid().optional(),
          categoryId: z.string().uuid().optional(),
          from: instant.optional(),
          to: instant.optional(),
          cursor: cursorParam.optional(),
          limit: z.coerce.number().int().min(1).max(5000).default(500),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const viewer = await viewerOf(services, request);
      const q = request.query;
      if (q.state === 'queued' && !q.cursor) {
        // The queue in its serving order (DESIGN §2), as the workspace shows it.
        const rows = await listConversations(services.db, scope.accountId, {
          state: 'queued',
          ...(q.mine ? { operatorId: scope.operatorId } : {}),
          ...(q.contactId ? { contactId: q.contactId } : {}),
          ...(q.channelId ? { channelId: q.channelId } : {}),
          teamIds: q.mine ? null : viewer.teamIds,
          limit: q.limit,
        });
        return { conversations: rows.map(presentConversation), nextCursor: null };
      }
      await checkListIds(services.db, scope.accountId, q);
      if (q.from && q.to && q.from >= q.to) throw invalid('from', '"from" must be before "to".');
      const page = await listConversationPage(services.db, scope.accountId, viewer, {
        ...(q.state ? { state: q.state } : {}),
        ...(q.contactId ? { contactId: q.contactId } : {}),
        ...(q.channelId ? { channelId: q.channelId } : {}),
        ...(q.teamId ? { teamId: q.teamId } : {}),
        ...(q.mine
          ? { operatorId: scope.operatorId }
          : q.operatorId
            ? { operatorId: q.operatorId }
            : {}),
        ...(q.categoryId ? { categoryId: q.categoryId } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(q.cursor ? { before: q.cursor } : {}),
        limit: q.limit,
      });
      return {
        conversations: page.rows.map(presentConversation),
        nextCursor: encodeCursor(page.next),
      };
    },
  );

  app.get(
    '/conversations/:id',
    {
      schema: {
        response: replies({ 200: ConversationDetail }, STAFF, 'not_found'),
        tags: ['conversations'],
        summary: 'One conversation with its contact and its transfers (with their notes)',
        params: id,
      },
    },
    async (request) => {
      const conv = await loadVisible(request, request.params.id);
      const [contact, transfers] = await Promise.all([
        getContact(services.db, conv.account_id, conv.contact_id),
        listTransfers(services.db, conv.account_id, conv.id),
      ]);
      return {
        conversation: presentConversation(conv),
        transfers: transfers.map(presentTransfer),
        contact: contact
          ? { id: contact.id, name: contact.name, email: contact.email, blocked: contact.blocked }
          : null,
      };
    },
  );

  app.get(
    '/conversations/:id/queue',
    {
      schema: {
        response: replies({ 200: QueueStanding }, STAFF, 'not_found'),
        tags: ['conversations'],
        summary: 'Place in line and estimated wait (null fields when not queued)',
        params: id,
      },
    },
    async (request) => {
      const conv = await loadVisible(request, request.params.id);
      return queueStanding(services.db, conv, services.now());
    },
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        response: replies({ 200: MessageList }, STAFF, 'not_found'),
        tags: ['conversations'],
        summary: 'Messages after a sequence number',
        params: id,
        querystring: z.object({
          afterSeq: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(500),
        }),
      },
    },
    async (request) => {
      const conv = await loadVisible(request, request.params.id);
      const rows = await listMessages(
        services.db,
        conv.account_id,
        conv.id,
        request.query.afterSeq,
        request.query.limit,
      );
      return { messages: rows.map((m) => presentMessage(m, m.author_name)) };
    },
  );

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        response: replies(
          { 200: SentMessage, 201: SentMessage },
          STAFF,
          'not_found',
          'conversation_closed',
          'contact_blocked',
        ),
        tags: ['conversations'],
        summary: 'Send an operator message (acknowledged after commit; idempotent by clientKey)',
        params: id,
        body: messageBody,
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const result = await app.deps.messages.send(scope, {
        conversationId: request.params.id,
        ...request.body,
      });
      return reply.status(result.duplicate ? 200 : 201).send(result);
    },
  );

  app.post(
    '/conversations/:id/take',
    {
      schema: {
        response: replies(
          { 200: ConversationAnswer },
          STAFF,
          'not_found',
          'conversation_already_taken',
          'operator_at_limit',
          'conversation_not_queued',
        ),
        tags: ['conversations'],
        summary: 'Take a queued conversation (first taker wins)',
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      await loadVisible(request, request.params.id);
      const { result } = await perform(services, scope, (ctx) =>
        takeConversation(ctx, { conversationId: request.params.id, operatorId: scope.operatorId }),
      );
      return { conversation: presentConversation(result) };
    },
  );

  app.post(
    '/conversations/:id/close',
    {
      schema: {
        response: replies(
          { 200: ConversationAnswer },
          STAFF,
          'not_found',
          'conversation_closed',
          'category_required',
        ),
        tags: ['conversations'],
        summary: 'Close with category, target flag and note',
        params: id,
        body: z.object({
          categoryId: z.string().uuid().nullable().optional(),
          targeted: z.boolean().nullable().optional(),
          note: z.string().max(2000).nullable().optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      await loadVisible(request, request.params.id);
      const { result } = await perform(services, scope, (ctx) =>
        closeConversation(ctx, { conversationId: request.params.id, ...request.body }),
      );
      return { conversation: presentConversation(result) };
    },
  );

  app.post(
    '/contacts/:id/block',
    {
      schema: {
        response: replies({ 200: BlockedContact }, STAFF, 'not_found'),
        tags: ['contacts'],
        summary: 'Block or unblock a contact',
        params: id,
        body: z.object({ blocked: z.boolean().default(true) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        blockContact(ctx, { contactId: request.params.id, blocked: request.body.blocked }),
      );
      return { contact: { id: result.id, blocked: result.blocked } };
    },
  );
}
