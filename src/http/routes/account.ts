import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCannedResponse } from '../../actions/catalog/create-canned-response.js';
import { createCategory } from '../../actions/catalog/create-category.js';
import { createChannel } from '../../actions/channels/create-channel.js';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import { createTeam } from '../../actions/teams/create-team.js';
import { checkChannelDestinations } from '../../channels/settings.js';
import {
  CannedResponse,
  CannedResponseList,
  Category,
  CategoryList,
  ChannelList,
  TeamList,
} from '../../contract/staff.js';
import { ChannelView, TeamView } from '../../contract/views.js';
import { presentChannel, presentTeam } from '../../presenters.js';
import {
  listCannedResponses,
  listCategories,
  listChannels,
  listTeams,
} from '../../store/queries/account.js';
import { operatorScope } from '../auth.js';
import { replies, STAFF } from '../replies.js';
import { workingHoursInput } from '../working-hours-input.js';

const mode = z.enum(['least_loaded', 'random', 'manual', 'round_robin']);

export async function registerAccountRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/teams',
    {
      schema: { response: replies({ 200: TeamList }, STAFF), tags: ['account'], summary: 'Teams' },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      return { teams: (await listTeams(services.db, scope.accountId)).map(presentTeam) };
    },
  );

  app.post(
    '/teams',
    {
      schema: {
        response: replies({ 201: TeamView }, STAFF, 'conflict'),
        tags: ['account'],
        summary: 'Create a team',
        body: z.object({
          name: z.string().min(1).max(100),
          mode: mode.default('least_loaded'),
          languageRouting: z.boolean().optional(),
          languageTimeoutMs: z.number().int().min(0).max(3_600_000).optional(),
          workingHours: workingHoursInput.nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) => createTeam(ctx, request.body));
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/channels',
    {
      schema: {
        response: replies({ 200: ChannelList }, STAFF),
        tags: ['account'],
        summary: 'Channels',
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      return { channels: (await listChannels(services.db, scope.accountId)).map(presentChannel) };
    },
  );

  app.post(
    '/channels',
    {
      schema: {
        response: replies({ 201: ChannelView }, STAFF, 'conflict'),
        tags: ['account'],
        summary: 'Create a channel',
        body: z.object({
          kind: z.enum(['widget', 'telegram', 'email', 'api']),
          name: z.string().min(1).max(100),
          priority: z.number().int().min(1).max(100),
          defaultTeamId: z.string().uuid().nullable().optional(),
          settings: z.record(z.string(), z.unknown()).optional(),
        }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      await checkChannelDestinations(request.body.settings, app.deps.config.outbound);
      const { result } = await perform(services, scope, (ctx) => createChannel(ctx, request.body));
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/categories',
    {
      schema: {
        response: replies({ 200: CategoryList }, STAFF),
        tags: ['account'],
        summary: 'Categories',
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      return { categories: await listCategories(services.db, scope.accountId) };
    },
  );

  app.post(
    '/categories',
    {
      schema: {
        response: replies({ 201: Category }, STAFF, 'conflict'),
        tags: ['account'],
        summary: 'Create a category',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) => createCategory(ctx, request.body));
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/canned-responses',
    {
      schema: {
        response: replies({ 200: CannedResponseList }, STAFF),
        tags: ['account'],
        summary: 'Canned responses',
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      return { cannedResponses: await listCannedResponses(services.db, scope.accountId) };
    },
  );

  app.post(
    '/canned-responses',
    {
      schema: {
        response: replies({ 201: CannedResponse }, STAFF, 'conflict'),
        tags: ['account'],
        summary: 'Create a canned response',
        body: z.object({
          shortcut: z
            .string()
            .min(1)
            .max(50)
            .regex(/^\/?[\p{L}\p{N}_-]+$/u, 'letters, digits, - and _'),
          text: z.string().min(1).max(5000),
        }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        createCannedResponse(ctx, request.body),
      );
      return reply.status(201).send(result);
    },
  );
}
