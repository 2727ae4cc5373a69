// Delivery state for operators (per conversation) and, for admins, the
// delivery log, the dead-letter list with retry, and each channel's health.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { discardDelivery } from '../../actions/deliveries/discard-deliveries.js';
import {
  RETRY_ALL_LIMIT,
  retryDeadDeliveries,
  retryDelivery,
} from '../../actions/deliveries/retry-delivery.js';
import { authorize, can } from '../../actions/policy.js';
import { presentDelivery } from '../../channels/present.js';
import { telegramWebhookUrl } from '../../channels/telegram/webhook.js';
import {
  ChannelHealth,
  DeliveryAnswer,
  DeliveryList,
  RetriedAll,
} from '../../contract/channels.js';
import { channelState } from '../../domain/channel-health.js';
import { notFound } from '../../errors.js';
import { operatorTeamIdsOf } from '../../store/queries/account.js';
import { getConversation } from '../../store/queries/conversations.js';
import { operatorScope } from '../auth.js';
import { replies, STAFF } from '../replies.js';

const id = z.object({ id: z.string().uuid() });

export async function registerChannelDeliveryRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const db = services.db;

  app.get(
    '/conversations/:id/deliveries',
    {
      schema: {
        response: replies({ 200: DeliveryList }, STAFF, 'not_found'),
        tags: ['channels'],
        summary:
          'Outbound state (pending / sent / failed / dead) of the messages of a conversation',
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const conv = await getConversation(db, scope.accountId, request.params.id);
      const teams = can(scope.actor, 'conversation.manage')
        ? null
        : await operatorTeamIdsOf(db, scope.operatorId);
      const visible =
        conv &&
        (teams === null ||
          conv.operator_id === scope.operatorId ||
          conv.team_id === null ||
          teams.includes(conv.team_id));
      if (!visible) throw notFound('Conversation');
      const rows = await db
        .selectFrom('deliveries')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('conversation_id', '=', conv.id)
        .where('target', '=', 'channel')
        .orderBy('order_key')
        .execute();
      return { deliveries: rows.map(presentDelivery) };
    },
  );

  app.get(
    '/deliveries',
    {
      schema: {
        response: replies({ 200: DeliveryList }, STAFF),
        tags: ['channels'],
        summary: 'Delivery log; status=dead is the dead-letter list (admins)',
        querystring: z.object({
          status: z.enum(['pending', 'sent', 'failed', 'dead', 'discarded']).optional(),
          channelId: z.string().uuid().optional(),
          webhookId: z.string().uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const q = request.query;
      let query = db.selectFrom('deliveries').selectAll().where('account_id', '=', scope.accountId);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.channelId) query = query.where('channel_id', '=', q.channelId);
      if (q.webhookId) query = query.where('webhook_id', '=', q.webhookId);
      const rows = await query.orderBy('updated_at', 'desc').limit(q.limit).execute();
      return { deliveries: rows.map(presentDelivery) };
    },
  );

  app.post(
    '/deliveries/:id/retry',
    {
      schema: {
        response: replies({ 200: DeliveryAnswer }, STAFF, 'not_found', 'conflict'),
        tags: ['channels'],
        summary: 'Send a dead delivery again (admins)',
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        retryDelivery(ctx, { deliveryId: request.params.id }),
      );
      return { delivery: result };
    },
  );

  app.post(
    '/deliveries/:id/discard',
    {
      schema: {
        response: replies({ 200: DeliveryAnswer }, STAFF, 'not_found', 'conflict'),
        tags: ['channels'],
        summary:
          'Drop a dead delivery from the failed list for good (kept in the log as discarded)',
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        discardDelivery(ctx, { deliveryId: request.params.id }),
      );
      return { delivery: result };
    },
  );

  app.post(
    '/deliveries/retry-all',
    {
      schema: {
        response: replies({ 200: RetriedAll }, STAFF, 'not_found'),
        tags: ['channels'],
        summary: `Send every dead delivery of one channel or one webhook again (up to ${RETRY_ALL_LIMIT} a call)`,
        body: z.union([
          z.object({ channelId: z.string().uuid() }).strict(),
          z.object({ webhookId: z.string().uuid() }).strict(),
        ]),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        retryDeadDeliveries(ctx, request.body),
      );
      return result;
    },
  );

  app.get(
    '/channels/:id/health',
    {
      schema: {
        response: replies({ 200: ChannelHealth }, STAFF, 'not_found'),
        tags: ['channels'],
        summary:
          "A channel's state (ok / failing), its current and last provider error, its inbox and delivery counts, and for Telegram the webhook address (admins)",
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const channelId = request.params.id;
      const [channel, worker, inbox, deliveries, lastSent] = await Promise.all([
        db
          .selectFrom('channels')
          .selectAll()
          .where('id', '=', channelId)
          .where('account_id', '=', scope.accountId)
          .executeTakeFirst(),
        db
          .selectFrom('channel_workers')
          .selectAll()
          .where('channel_id', '=', channelId)
          .executeTakeFirst(),
        db
          .selectFrom('channel_inbox')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .where('channel_id', '=', channelId)
          .groupBy('status')
          .execute(),
        db
          .selectFrom('deliveries')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .where('channel_id', '=', channelId)
          .groupBy('status')
          .execute(),
        db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.max('sent_at').as('at'))
          .where('channel_id', '=', channelId)
          .where('status', '=', 'sent')
          .executeTakeFirst(),
      ]);
      if (!channel) throw notFound('Channel');
      const counts = (rows: { status: string; n: number | string | bigint }[]) =>
        Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      const errorAt = worker?.last_error_at ? new Date(worker.last_error_at) : null;
      const sentAt = lastSent?.at ? new Date(lastSent.at) : null;
      return {
        channelId,
        // Where Telegram calls in webhook mode: the address Switchboard registers.
        webhookUrl:
          channel.kind === 'telegram'
            ? telegramWebhookUrl(app.deps.config.publicUrl, channel)
            : null,
        ...channelState({ error: worker?.last_error ?? null, errorAt, lastSuccessAt: sentAt }),
        lastErrorAt: errorAt?.toISOString() ?? null,
        lastSuccessAt: sentAt?.toISOString() ?? null,
        inbox: counts(inbox),
        deliveries: counts(deliveries),
      };
    },
  );
}
