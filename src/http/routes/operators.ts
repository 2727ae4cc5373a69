import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { createOperator } from '../../actions/operators/create-operator.js';
import { deleteOperator } from '../../actions/operators/delete-operator.js';
import { issuePasswordLink } from '../../actions/operators/issue-password-link.js';
import { setOperatorPassword } from '../../actions/operators/set-operator-password.js';
import { setOperatorStatus } from '../../actions/operators/set-operator-status.js';
import { updateOperator } from '../../actions/operators/update-operator.js';
import { authorize } from '../../actions/policy.js';
import { CreatedOperator, OperatorList, OperatorStatusAnswer } from '../../contract/staff.js';
import { OperatorView } from '../../contract/views.js';
import { publishSignOut } from '../../events/sign-out.js';
import { presentOperator } from '../../presenters.js';
import { listOperators } from '../../store/queries/account.js';
import { operatorScope } from '../auth.js';
import { changeSet } from '../input-guards.js';
import { deliverPasswordLink, mailLanguage } from '../password-links.js';
import { noContent, replies, STAFF } from '../replies.js';

const id = z.object({ id: z.string().uuid() });
const role = z.enum(['admin', 'supervisor', 'operator']);
const languages = z.array(z.string().regex(/^[a-z]{2}$/, 'two-letter language code')).max(20);

export async function registerOperatorRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services, config } = app.deps;

  app.get(
    '/operators',
    {
      schema: {
        response: replies({ 200: OperatorList }, STAFF),
        tags: ['operators'],
        summary: 'Operators of the account',
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'conversation.work');
      const rows = await listOperators(services.db, scope.accountId);
      return { operators: rows.map((r) => presentOperator(r.row, r.teamIds)) };
    },
  );

  app.post(
    '/operators',
    {
      schema: {
        response: replies({ 201: CreatedOperator }, STAFF, 'conflict'),
        tags: ['operators'],
        summary: 'Create (invite) an operator',
        description:
          'Without a password the operator gets an invitation: a one-time link to set one ' +
          "(PASSWORD_LINK_DAYS), mailed through the SMTP settings of the account's e-mail " +
          'channel in `lang`. `invitation` says whether it was sent, or carries the link to copy.',
        body: z.object({
          lang: mailLanguage,
          email: z.string().email(),
          name: z.string().min(1).max(200),
          password: z.string().min(8).max(200).nullable().default(null),
          role: role.default('operator'),
          limit: z.number().int().min(0).max(100).optional(),
          languages: languages.optional(),
          teamIds: z.array(z.string().uuid()).optional(),
        }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const { lang, ...input } = request.body;
      const { result } = await perform(services, scope, async (ctx) => {
        const operator = await createOperator(ctx, input);
        const link = input.password
          ? null
          : await issuePasswordLink(ctx, {
              operatorId: operator.id,
              ttlMs: config.passwordLinkTtlMs,
            });
        return { operator, link };
      });
      const invitation = result.link
        ? await deliverPasswordLink(app.deps, scope.accountId, result.link, lang, request.log)
        : null;
      return reply.status(201).send({ ...result.operator, invitation });
    },
  );

  app.patch(
    '/operators/:id',
    {
      schema: {
        response: replies({ 200: OperatorView }, STAFF, 'not_found', 'conflict'),
        tags: ['operators'],
        summary:
          'Change an operator: limit (supervisor), name, role, languages, teams, active, password (admin)',
        description:
          'active: false deactivates (offline, conversations back to the queue, sessions and websockets closed, ' +
          'API tokens refused); a new password ends all their sessions. Your own password: PUT /me/password.',
        params: id,
        body: changeSet({
          name: z.string().min(1).max(200).optional(),
          role: role.optional(),
          limit: z.number().int().min(0).max(100).optional(),
          languages: languages.optional(),
          teamIds: z.array(z.string().uuid()).optional(),
          active: z.boolean().optional(),
          password: z.string().min(8).max(200).optional(),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const operatorId = request.params.id;
      const { password, ...fields } = request.body;
      const { result } = await perform(services, scope, async (ctx) => {
        if (password !== undefined) await setOperatorPassword(ctx, { operatorId, password });
        return updateOperator(ctx, { operatorId, ...fields });
      });
      if (password !== undefined || fields.active === false)
        await publishSignOut(services.bus, { accountId: scope.accountId, operatorId });
      return result;
    },
  );

  app.delete(
    '/operators/:id',
    {
      schema: {
        response: replies({ 204: noContent }, STAFF, 'not_found', 'operator_has_history'),
        tags: ['operators'],
        summary: 'Delete an operator who has no history (otherwise 409 operator_has_history)',
        description:
          'For an invitation sent to the wrong person, say. Anyone who has worked stays in ' +
          'reports, audits and the audit log: deactivate them (PATCH active: false) instead.',
        params: id,
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      await perform(services, scope, (ctx) =>
        deleteOperator(ctx, { operatorId: request.params.id }),
      );
      await publishSignOut(services.bus, {
        accountId: scope.accountId,
        operatorId: request.params.id,
      });
      return reply.status(204).send();
    },
  );

  app.put(
    '/operators/:id/status',
    {
      schema: {
        response: replies({ 200: OperatorStatusAnswer }, STAFF, 'not_found'),
        tags: ['operators'],
        summary:
          'Set status (own, or anyone for supervisors); offline returns conversations to the queue',
        description:
          'Set by a supervisor or admin, the operator gets an operator.notice naming them.',
        params: id,
        body: z.object({ status: z.enum(['online', 'away', 'offline']) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        setOperatorStatus(ctx, { operatorId: request.params.id, status: request.body.status }),
      );
      return result;
    },
  );
}
