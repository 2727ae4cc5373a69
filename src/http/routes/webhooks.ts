// Outgoing webhooks for CRM integration: subscribe a URL to events, change,
// pause, remove; rotate the signing secret (returned once, like at creation);
// send a test event; read the recent deliveries with the receiver's answers.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import { createWebhook } from '../../actions/webhooks/create-webhook.js';
import { deleteWebhook } from '../../actions/webhooks/delete-webhook.js';
import { recordWebhookTest } from '../../actions/webhooks/record-webhook-test.js';
import { rotateWebhookSecret, updateWebhook } from '../../actions/webhooks/update-webhook.js';
import { answerOf, classifyHttpError, type ReceiverAnswer } from '../../channels/http-post.js';
import { checkDestination } from '../../channels/outbound-address.js';
import { presentDelivery, presentWebhook } from '../../channels/present.js';
import { WEBHOOK_EVENTS } from '../../channels/webhooks/events.js';
import { sendBody, testWebhookBody } from '../../channels/webhooks/sender.js';
import {
  DeliveryAnswer,
  DeliveryList,
  Removed,
  WebhookList,
  WebhookWithSecret,
} from '../../contract/channels.js';
import { WebhookView } from '../../contract/views.js';
import { notFound } from '../../errors.js';
import { operatorScope } from '../auth.js';
import { changeSet } from '../input-guards.js';
import { replies, STAFF } from '../replies.js';

/** An admin waits for the test answer; a receiver slower than this counts as failed. */
const TEST_TIMEOUT_MS = 10_000;

export async function registerWebhookRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/webhooks',
    {
      schema: {
        response: replies({ 200: WebhookList }, STAFF),
        tags: ['webhooks'],
        summary: 'Webhook subscriptions (admins)',
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const rows = await services.db
        .selectFrom('webhooks')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('active', '=', true)
        .orderBy('created_at')
        .execute();
      return { webhooks: rows.map(presentWebhook) };
    },
  );

  app.post(
    '/webhooks',
    {
      schema: {
        response: replies({ 201: WebhookWithSecret }, STAFF),
        tags: ['webhooks'],
        summary: 'Subscribe a URL to events; the signing secret is in this answer only',
        body: z.object({
          url: z.string().url().max(2000),
          events: z.array(z.enum(WEBHOOK_EVENTS)).min(1),
        }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      await checkDestination('url', request.body.url, app.deps.config.outbound);
      const { result } = await perform(services, scope, (ctx) => createWebhook(ctx, request.body));
      return reply.status(201).send(result);
    },
  );

  const id = z.object({ id: z.string().uuid() });

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        response: replies({ 200: WebhookView }, STAFF, 'not_found'),
        tags: ['webhooks'],
        summary: 'Change the URL or events, or pause (events wait) and resume; the secret stays',
        params: id,
        body: changeSet({
          url: z.string().url().max(2000).optional(),
          events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional(),
          paused: z.boolean().optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      if (request.body.url)
        await checkDestination('url', request.body.url, app.deps.config.outbound);
      const { result } = await perform(services, scope, (ctx) =>
        updateWebhook(ctx, { webhookId: request.params.id, ...request.body }),
      );
      return result;
    },
  );

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      schema: {
        response: replies({ 200: WebhookWithSecret }, STAFF, 'not_found'),
        tags: ['webhooks'],
        summary:
          'A new signing secret, in this answer only; every delivery from now on is signed with it',
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        rotateWebhookSecret(ctx, { webhookId: request.params.id }),
      );
      return result;
    },
  );

  app.post(
    '/webhooks/:id/test',
    {
      schema: {
        response: replies({ 200: DeliveryAnswer }, STAFF, 'not_found'),
        tags: ['webhooks'],
        summary:
          "Send a signed test event (type webhook.test, id 0) now; answers with the delivery and the receiver's answer",
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const hook = await services.db
        .selectFrom('webhooks')
        .select(['id', 'url', 'secret'])
        .where('id', '=', request.params.id)
        .where('account_id', '=', scope.accountId)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!hook) throw notFound('Webhook');
      // Sent outside any transaction (a slow receiver must hold no lock), recorded after.
      const deliveryId = randomUUID();
      let response: ReceiverAnswer | null = null;
      let error: string | null = null;
      try {
        response = await sendBody({
          webhook: hook,
          body: testWebhookBody(scope.accountId, services.now()),
          deliveryId,
          timeoutMs: TEST_TIMEOUT_MS,
          policy: app.deps.config.outbound,
        });
      } catch (e) {
        error = classifyHttpError(e).message;
        response = answerOf(e);
      }
      const { result } = await perform(services, scope, (ctx) =>
        recordWebhookTest(ctx, {
          deliveryId,
          webhookId: hook.id,
          ok: error === null,
          error,
          response,
        }),
      );
      return { delivery: result };
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        response: replies({ 200: DeliveryList }, STAFF, 'not_found'),
        tags: ['webhooks'],
        summary:
          "A webhook's recent deliveries, newest first: status, attempts, the receiver's status code and answer",
        params: id,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const rows = await services.db
        .selectFrom('deliveries')
        .selectAll()
        .where('account_id', '=', scope.accountId)
        .where('webhook_id', '=', request.params.id)
        .orderBy('created_at', 'desc')
        .limit(request.query.limit)
        .execute();
      return { deliveries: rows.map(presentDelivery) };
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        response: replies({ 200: Removed }, STAFF, 'not_found'),
        tags: ['webhooks'],
        summary: 'Unsubscribe (pending deliveries go to the dead-letter list)',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        deleteWebhook(ctx, { webhookId: request.params.id }),
      );
      return result;
    },
  );
}
