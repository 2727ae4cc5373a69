// Admin changes to the account's configuration.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteCannedResponse,
  deleteCategory,
  renameCategory,
  updateAccount,
  updateCannedResponse,
  updateChannel,
  updateTeam,
} from '../../actions/account/update-settings.js';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import { setTeamMembers } from '../../actions/teams/set-team-members.js';
import { checkChannelDestinations } from '../../channels/settings.js';
import { CannedResponse, Category, Ok, TeamMembers } from '../../contract/staff.js';
import { AccountView, ChannelView, TeamView } from '../../contract/views.js';
import { SERVICE_LEVEL_TARGET_BOUNDS_MS } from '../../domain/metrics/index.js';
import { operatorScope } from '../auth.js';
import { changeSet } from '../input-guards.js';
import { replies, STAFF } from '../replies.js';
import { workingHoursInput } from '../working-hours-input.js';

const id = z.object({ id: z.string().uuid() });
const mode = z.enum(['least_loaded', 'random', 'manual', 'round_robin']);

export const accountSettingsPatch = z
  .object({
    defaultLimit: z.number().int().min(0).max(100),
    sla: z.object({ yellowMs: z.number().int().min(1000), redMs: z.number().int().min(1000) }),
    serviceLevelTargetMs: z
      .number()
      .int()
      .min(SERVICE_LEVEL_TARGET_BOUNDS_MS.min)
      .max(SERVICE_LEVEL_TARGET_BOUNDS_MS.max),
    categoryRequired: z.boolean(),
    routing: z.object({
      mode,
      languageRouting: z.boolean(),
      languageTimeoutMs: z.number().int().min(0),
    }),
    workingHours: workingHoursInput.nullable(),
    offlineGraceMs: z.number().int().min(0).max(3_600_000).nullable(),
    newOperatorsOnline: z.boolean(),
  })
  .partial();

export async function registerSettingsRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.patch(
    '/account',
    {
      schema: {
        response: replies({ 200: AccountView }, STAFF),
        tags: ['account'],
        summary:
          'Account name and defaults (limit, SLA thresholds, service-level target, routing, working hours)',
        body: changeSet({
          name: z.string().min(1).max(200).optional(),
          settings: accountSettingsPatch.optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) => updateAccount(ctx, request.body));
      return result;
    },
  );

  app.put(
    '/teams/:id/members',
    {
      schema: {
        response: replies({ 200: TeamMembers }, STAFF, 'not_found'),
        tags: ['account'],
        summary: "A team's members (the operators' own teamIds change with it)",
        params: id,
        body: z.object({ operatorIds: z.array(z.string().uuid()).max(1000) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        setTeamMembers(ctx, { teamId: request.params.id, operatorIds: request.body.operatorIds }),
      );
      return result;
    },
  );

  app.patch(
    '/teams/:id',
    {
      schema: {
        response: replies({ 200: TeamView }, STAFF, 'not_found', 'conflict'),
        tags: ['account'],
        summary:
          "Change a team: name, distribution mode, language routing, its own working hours (null: the account's)",
        params: id,
        body: changeSet({
          name: z.string().min(1).max(100).optional(),
          mode: mode.optional(),
          languageRouting: z.boolean().optional(),
          languageTimeoutMs: z.number().int().min(0).max(3_600_000).optional(),
          workingHours: workingHoursInput.nullable().optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        updateTeam(ctx, { teamId: request.params.id, ...request.body }),
      );
      return result;
    },
  );

  app.patch(
    '/channels/:id',
    {
      schema: {
        response: replies({ 200: ChannelView }, STAFF, 'not_found'),
        tags: ['account'],
        summary:
          'Change a channel: priority, default team, settings (SLA thresholds, notices, widget)',
        params: id,
        body: changeSet({
          name: z.string().min(1).max(100).optional(),
          priority: z.number().int().min(1).max(100).optional(),
          defaultTeamId: z.string().uuid().nullable().optional(),
          settings: z.record(z.string(), z.unknown()).optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      await checkChannelDestinations(request.body.settings, app.deps.config.outbound);
      const { result } = await perform(services, scope, (ctx) =>
        updateChannel(ctx, { channelId: request.params.id, ...request.body }),
      );
      return result;
    },
  );

  app.patch(
    '/categories/:id',
    {
      schema: {
        response: replies({ 200: Category }, STAFF, 'not_found', 'conflict'),
        tags: ['account'],
        summary: 'Rename a category (closed conversations keep it)',
        params: id,
        body: z.object({ name: z.string().trim().min(1).max(100) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        renameCategory(ctx, { categoryId: request.params.id, name: request.body.name }),
      );
      return result;
    },
  );

  app.delete(
    '/categories/:id',
    {
      schema: {
        response: replies({ 200: Ok }, STAFF, 'not_found'),
        tags: ['account'],
        summary: 'Delete an unused category',
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        deleteCategory(ctx, { categoryId: request.params.id }),
      );
      return result;
    },
  );

  app.patch(
    '/canned-responses/:id',
    {
      schema: {
        response: replies({ 200: CannedResponse }, STAFF, 'not_found', 'conflict'),
        tags: ['account'],
        summary: 'Change a canned response',
        params: id,
        body: changeSet({
          shortcut: z.string().min(1).max(50).optional(),
          text: z.string().min(1).max(5000).optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        updateCannedResponse(ctx, { id: request.params.id, ...request.body }),
      );
      return result;
    },
  );

  app.delete(
    '/canned-responses/:id',
    {
      schema: {
        response: replies({ 200: Ok }, STAFF, 'not_found'),
        tags: ['account'],
        summary: 'Delete a canned response',
        params: id,
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        deleteCannedResponse(ctx, { id: request.params.id }),
      );
      return result;
    },
  );
}
