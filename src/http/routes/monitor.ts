import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { ContactCard, Monitor } from '../../contract/staff.js';
import { notFound } from '../../errors.js';
import { presentConversation, presentOperator } from '../../presenters.js';
import { listOperators } from '../../store/queries/account.js';
import { getContact, listConversations } from '../../store/queries/conversations.js';
import { queueSummary, serviceLevelSince } from '../../store/queries/monitor.js';
import { operatorScope } from '../auth.js';
import { replies, STAFF } from '../replies.js';

export async function registerMonitorRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/monitor',
    {
      schema: {
        response: replies({ 200: Monitor }, STAFF),
        tags: ['monitor'],
        summary: 'Live: operators with load, queues, service level today',
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'operator.manage');
      const now = services.now();
      const startOfDay = new Date(now);
      startOfDay.setUTCHours(0, 0, 0, 0);
      const [operators, queues, account] = await Promise.all([
        listOperators(services.db, scope.accountId),
        queueSummary(services.db, scope.accountId, now),
        services.db
          .selectFrom('accounts')
          .select('settings')
          .where('id', '=', scope.accountId)
          .executeTakeFirstOrThrow(),
      ]);
      const serviceLevelToday = await serviceLevelSince(
        services.db,
        scope.accountId,
        startOfDay,
        account.settings.serviceLevelTargetMs,
      );
      return {
        operators: operators.map((o) => presentOperator(o.row, o.teamIds)),
        queues,
        serviceLevelToday,
      };
    },
  );

  app.get(
    '/contacts/:id',
    {
      schema: {
        response: replies({ 200: ContactCard }, STAFF, 'not_found'),
        tags: ['contacts'],
        summary: 'A contact with their conversations across channels',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const contact = await getContact(services.db, scope.accountId, request.params.id);
      if (!contact) throw notFound('Contact');
      const conversations = await listConversations(services.db, scope.accountId, {
        contactId: contact.id,
        limit: 200,
      });
      return {
        contact: {
          id: contact.id,
          name: contact.name,
          email: contact.email,
          blocked: contact.blocked,
          createdAt: new Date(contact.created_at).toISOString(),
        },
        conversations: conversations.map(presentConversation),
      };
    },
  );
}
