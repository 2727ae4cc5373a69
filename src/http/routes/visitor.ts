// The anonymous side: website visitors (the widget) with their signed token.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifyContact } from '../../actions/contacts/identify-contact.js';
import { perform } from '../../actions/context.js';
import { closeConversation } from '../../actions/conversations/close-conversation.js';
import { rateConversation } from '../../actions/conversations/rate-conversation.js';
import { receiveContactMessage } from '../../actions/messages/receive-contact-message.js';
import { QueueStanding } from '../../contract/conversations.js';
import {
  RatingAnswer,
  UploadAnswer,
  VisitorConversationAnswer,
  VisitorConversations,
  VisitorMessages,
  VisitorSent,
  VisitorSession,
} from '../../contract/visitor.js';
import { AppError, notFound } from '../../errors.js';
import { presentMessage, presentVisitorConversation } from '../../presenters.js';
import { findChannelByKey } from '../../store/queries/account.js';
import { channelSettings } from '../../store/queries/channels.js';
import {
  getConversation,
  listConversations,
  listMessages,
} from '../../store/queries/conversations.js';
import { queueStanding } from '../../store/queries/queue.js';
import { visitorScope } from '../auth.js';
import { perMinute } from '../rate-limits.js';
import { replies, VISITOR } from '../replies.js';
import { signVisitorToken, verifyVisitorToken } from '../visitor-token.js';
import { messageBody } from './conversations.js';
import { receiveUpload } from './uploads.js';
import { registerVisitorContextRoute } from './visitor-context.js';
import { enforceOrigin, widgetCors } from './widget.js';

const id = z.object({ id: z.string().uuid() });

/** Anonymous endpoints are limited per visitor when known, else per IP. */
const visitorLimit = (max: number) => ({
  rateLimit: perMinute(max, {
    keyGenerator: (r: FastifyRequest) =>
      r.principal?.kind === 'visitor' ? `v:${r.principal.visitorId}` : `ip:${r.ip}`,
  }),
});

export async function registerVisitorRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services, config } = app.deps;

  widgetCors(app, ['/widget/session', '/visitor/*']);
  // A visitor token names its channel: refuse calls from sites the channel does not allow.
  app.addHook('preHandler', async (request, reply) => {
    const p = request.principal;
    if (p?.kind !== 'visitor' || !request.headers.origin) return;
    const settings = await channelSettings(services.db, p.accountId, p.channelId);
    if (!settings) throw notFound('Channel');
    enforceOrigin(request, reply, settings);
  });

  const limits = app.visitorLimits;

  app.post(
    '/widget/session',
    {
      // Per address whether or not a token is sent: minting a token is free,
      // so resuming must not buy a fresh budget (src/http/visitor-limits.ts).
      onRequest: async (request) => {
        if (!limits.session(request.ip, Date.now())) throw new AppError('rate_limited');
      },
      schema: {
        response: replies(
          { 200: VisitorSession },
          'not_found',
          'origin_not_allowed',
          'rate_limited',
        ),
        tags: ['visitor'],
        summary:
          'Start or resume a visitor session on a widget channel; returns the signed visitor token',
        body: z.object({
          channelKey: z.string().min(1).max(100),
          token: z.string().max(2000).optional(),
          name: z.string().min(1).max(200).optional(),
          email: z.string().email().optional(),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const channel = await findChannelByKey(services.db, body.channelKey);
      if (channel?.kind !== 'widget') throw notFound('Channel');
      enforceOrigin(request, reply, channel.settings);
      const now = services.now();
      // A token still valid (signed by a current or grace-period secret, not
      // idle too long) keeps its visitor and is renewed: re-signed with the
      // current secret and a new last-seen time.
      const previous = body.token
        ? verifyVisitorToken(
            config.secrets.accepted(now),
            body.token,
            now,
            config.visitorTokenIdleMs,
          )
        : null;
      const same = previous?.channelId === channel.id ? previous : null;
      const visitorId = same ? same.visitorId : randomUUID();
      const scope = { accountId: channel.account_id, actor: { kind: 'system' as const } };
      const { result: contact } = await perform(services, scope, (ctx) =>
        identifyContact(ctx, {
          channelId: channel.id,
          externalId: visitorId,
          name: body.name ?? null,
          email: body.email ?? null,
        }),
      );
      const token = signVisitorToken(
        config.secrets.current(),
        {
          accountId: channel.account_id,
          channelId: channel.id,
          contactId: contact.id,
          visitorId,
        },
        { issuedAt: same?.issuedAt ?? now, seenAt: now },
      );
      return { token, contactId: contact.id, channel: { id: channel.id, name: channel.name } };
    },
  );

  app.get(
    '/visitor/conversations',
    {
      config: visitorLimit(config.rateLimits.visitorReadsPerVisitor),
      schema: {
        response: replies({ 200: VisitorConversations }, VISITOR),
        tags: ['visitor'],
        summary: "The visitor's conversations, newest first",
      },
    },
    async (request) => {
      const { accountId, principal } = visitorScope(request);
      const rows = await listConversations(services.db, accountId, {
        contactId: principal.contactId,
        channelId: principal.channelId,
        limit: 20,
      });
      return { conversations: rows.map(presentVisitorConversation) };
    },
  );

  /**
   * The token is bound to (channel, contact): one contact may also write on
   * Telegram or by e-mail (merged contacts), and a widget token must not open
   * those conversations.
   */
  async function ownConversation(request: FastifyRequest, conversationId: string) {
    const { accountId, principal } = visitorScope(request);
    const conv = await getConversation(services.db, accountId, conversationId);
    if (!conv || conv.contact_id !== principal.contactId || conv.channel_id !== principal.channelId)
      throw notFound('Conversation');
    return conv;
  }

  app.get(
    '/visitor/conversations/:id/messages',
    {
      config: visitorLimit(config.rateLimits.visitorReadsPerVisitor),
      schema: {
        response: replies({ 200: VisitorMessages }, VISITOR, 'not_found'),
        tags: ['visitor'],
        summary: 'Messages of an own conversation after a sequence number',
        params: id,
        querystring: z.object({ afterSeq: z.coerce.number().int().min(0).default(0) }),
      },
    },
    async (request) => {
      const conv = await ownConversation(request, request.params.id);
      const rows = await listMessages(
        services.db,
        conv.account_id,
        conv.id,
        request.query.afterSeq,
        1000,
      );
      return { messages: rows.map((m) => presentMessage(m, m.author_name)) };
    },
  );

  app.get(
    '/visitor/conversations/:id/queue',
    {
      config: visitorLimit(config.rateLimits.visitorReadsPerVisitor),
      schema: {
        response: replies({ 200: QueueStanding }, VISITOR, 'not_found'),
        tags: ['visitor'],
        summary: 'Place in line and estimated wait of an own conversation (null when not queued)',
        params: id,
      },
    },
    async (request) => {
      const conv = await ownConversation(request, request.params.id);
      return queueStanding(services.db, conv, services.now());
    },
  );

  app.post(
    '/visitor/messages',
    {
      // The same budgets as messages over the websocket (routes/realtime.ts).
      preHandler: async (request) => {
        const p = request.principal;
        if (p?.kind === 'visitor' && !limits.message(p.visitorId, request.ip, Date.now()))
          throw new AppError('rate_limited');
      },
      schema: {
        response: replies({ 200: VisitorSent, 201: VisitorSent }, VISITOR, 'contact_blocked'),
        tags: ['visitor'],
        summary: 'Send a message; opens a conversation when none is open (idempotent by clientKey)',
        body: messageBody,
      },
    },
    async (request, reply) => {
      const scope = visitorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        receiveContactMessage(ctx, {
          channelId: scope.principal.channelId,
          contactId: scope.principal.contactId,
          ...request.body,
        }),
      );
      return reply.status(result.duplicate ? 200 : 201).send(result);
    },
  );

  app.post(
    '/visitor/uploads',
    {
      config: visitorLimit(config.rateLimits.visitorActionsPerVisitor),
      schema: {
        response: replies({ 201: UploadAnswer }, VISITOR, 'payload_too_large'),
        tags: ['visitor'],
        summary: 'Visitor uploads an attachment (multipart field "file")',
      },
    },
    async (request, reply) => receiveUpload(app.deps, request, reply, visitorScope(request)),
  );

  // Reported on every page and on every change of page: a visitor browses faster than they chat.
  registerVisitorContextRoute(app, visitorLimit(60));

  app.post(
    '/visitor/conversations/:id/rating',
    {
      config: visitorLimit(config.rateLimits.visitorActionsPerVisitor),
      schema: {
        response: replies({ 200: RatingAnswer }, VISITOR, 'not_found'),
        tags: ['visitor'],
        summary: 'Like or dislike, with an optional comment',
        params: id,
        body: z.object({
          rating: z.enum(['like', 'dislike']),
          comment: z.string().max(2000).optional(),
        }),
      },
    },
    async (request) => {
      const scope = visitorScope(request);
      await ownConversation(request, request.params.id);
      const { result } = await perform(services, scope, (ctx) =>
        rateConversation(ctx, { conversationId: request.params.id, ...request.body }),
      );
      return result;
    },
  );

  app.post(
    '/visitor/conversations/:id/close',
    {
      config: visitorLimit(config.rateLimits.visitorActionsPerVisitor),
      schema: {
        response: replies({ 200: VisitorConversationAnswer }, VISITOR, 'not_found'),
        tags: ['visitor'],
        summary: 'The client ends the conversation',
        params: id,
      },
    },
    async (request) => {
      const scope = visitorScope(request);
      await ownConversation(request, request.params.id);
      const { result } = await perform(services, scope, (ctx) =>
        closeConversation(ctx, { conversationId: request.params.id }),
      );
      return { conversation: presentVisitorConversation(result) };
    },
  );
}
