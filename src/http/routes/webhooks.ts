// Outgoing webhooks for CRM integration: subscribe a URL to events, list and
// remove subscriptions. The signing secret is returned once, at creation.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import { createWebhook } from '../../actions/webhooks/create-webhook.js';
import { deleteWebhook } from '../../actions/webhooks/delete-webhook.js';
import { checkDestination } from '../../channels/outbound-address.js';
import { presentWebhook } from '../../channels/present.js';
import { WEBHOOK_EVENTS } from '../../channels/webhooks/events.js';
import { operatorScope } from '../auth.js';

export async function registerWebhookRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/webhooks',
    { schema: { tags: ['webhooks'], summary: 'Webhook subscriptions (admins)' } },
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

  app.delete(
    '/webhooks/:id',
    {
      schema: {
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
