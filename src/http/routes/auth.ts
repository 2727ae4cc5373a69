import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { restoreStatusAtLogin } from '../../actions/operators/restore-status.js';
import { setOperatorPassword } from '../../actions/operators/set-operator-password.js';
import { can } from '../../actions/policy.js';
import { createApiToken } from '../../actions/sessions/create-api-token.js';
import { login, logout } from '../../actions/sessions/login.js';
import { revokeApiToken } from '../../actions/sessions/revoke-api-token.js';
import { ApiTokenList, CreatedApiToken, LoginAnswer, Me, Ok } from '../../contract/staff.js';
import { alertPrefsOf } from '../../domain/alerts.js';
import { AppError } from '../../errors.js';
import { publishSignOut } from '../../events/sign-out.js';
import { presentAccount, presentOperator } from '../../presenters.js';
import { getAccount, operatorTeamIdsOf } from '../../store/queries/account.js';
import { listApiTokens } from '../../store/queries/api-tokens.js';
import { hashToken } from '../../tokens.js';
import { operatorScope, SESSION_COOKIE } from '../auth.js';
import { perMinute } from '../rate-limits.js';
import { noContent, replies, STAFF } from '../replies.js';

export async function registerAuthRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services, config } = app.deps;

  app.post(
    '/auth/login',
    {
      schema: {
        response: replies({ 200: LoginAnswer }, 'invalid_credentials', 'rate_limited'),
        tags: ['auth'],
        summary: 'Log in with e-mail and password; sets the session cookie, returns the CSRF token',
        description:
          'An e-mail is unique within an account. When one person works in several accounts, ' +
          'accountId names the account; without it the oldest account with the e-mail is meant. ' +
          'Limited per address (every attempt) and per e-mail (failures): 429 rate_limited.',
        body: z.object({
          email: z.string().email(),
          password: z.string().min(1).max(200),
          accountId: z.string().uuid().optional(),
        }),
      },
    },
    async (request, reply) => {
      const now = services.now();
      const { email } = request.body;
      if (!(await app.loginLimits.admit(email, request.ip, now.getTime())))
        throw new AppError('rate_limited');
      const s = await login(services.db, now, request.body).catch(async (error: unknown) => {
        if (error instanceof AppError && error.code === 'invalid_credentials')
          await app.loginLimits.failed(email, now.getTime());
        throw error;
      });
      // Back to the status the operator last chose (or the account's default at a first log-in).
      const { result: operator } = await perform(
        services,
        {
          accountId: s.operator.account_id,
          actor: { kind: 'operator', id: s.operator.id, role: s.operator.role },
        },
        (ctx) => restoreStatusAtLogin(ctx, { operatorId: s.operator.id }),
      );
      reply.setCookie(SESSION_COOKIE, s.sessionId, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: config.publicUrl.startsWith('https://'),
        expires: s.expiresAt,
      });
      const teamIds = await operatorTeamIdsOf(services.db, s.operator.id);
      return { operator: presentOperator(operator, teamIds), csrfToken: s.csrf };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { response: replies({ 200: Ok }, STAFF), tags: ['auth'], summary: 'End the session' },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) {
        await logout(services.db, sessionId);
        await publishSignOut(services.bus, {
          accountId: scope.accountId,
          operatorId: scope.operatorId,
          credential: hashToken(sessionId),
        });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        response: replies({ 200: Me }, STAFF),
        tags: ['auth'],
        summary: 'The logged-in operator, account and CSRF token',
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const op = await services.db
        .selectFrom('operators')
        .selectAll()
        .where('id', '=', scope.operatorId)
        .executeTakeFirstOrThrow();
      const account = await getAccount(services.db, scope.accountId);
      const p = request.principal;
      return {
        operator: presentOperator(op, await operatorTeamIdsOf(services.db, op.id)),
        account: presentAccount(account!),
        alerts: alertPrefsOf(op.alerts),
        csrfToken: p?.kind === 'operator' ? p.csrf : null,
      };
    },
  );

  app.put(
    '/me/password',
    {
      config: { rateLimit: perMinute(config.rateLimits.passwordChangesPerAddress) },
      schema: {
        response: replies({ 200: Ok }, STAFF, 'invalid_credentials', 'rate_limited'),
        tags: ['auth'],
        summary: 'Change your own password; your other sessions end',
        body: z.object({
          currentPassword: z.string().min(1).max(200),
          password: z.string().min(8).max(200),
        }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const p = request.principal;
      const keep = p?.kind === 'operator' && p.via === 'session' ? p.credential : null;
      await perform(services, scope, (ctx) =>
        setOperatorPassword(ctx, {
          operatorId: scope.operatorId,
          password: request.body.password,
          currentPassword: request.body.currentPassword,
          keepSession: keep,
        }),
      );
      await publishSignOut(services.bus, {
        accountId: scope.accountId,
        operatorId: scope.operatorId,
        ...(keep ? { exceptCredential: keep } : {}),
      });
      return { ok: true };
    },
  );

  app.get(
    '/api-tokens',
    {
      schema: {
        response: replies({ 200: ApiTokenList }, STAFF),
        tags: ['auth'],
        summary: "API tokens: your own, or all of the account's for admins (never the secret)",
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const all = can(scope.actor, 'account.configure');
      const tokens = await listApiTokens(
        services.db,
        scope.accountId,
        { operatorId: all ? null : scope.operatorId },
        services.now(),
      );
      return { tokens };
    },
  );

  app.post(
    '/api-tokens',
    {
      schema: {
        response: replies({ 201: CreatedApiToken }, STAFF),
        tags: ['auth'],
        summary: 'Create an API token for integrations (shown once), optionally expiring',
        body: z.object({
          name: z.string().min(1).max(100),
          expiresAt: z.string().datetime({ offset: true }).nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const { name, expiresAt } = request.body;
      const { result } = await perform(services, scope, (ctx) =>
        createApiToken(ctx, { name, expiresAt: expiresAt ? new Date(expiresAt) : null }),
      );
      return reply.status(201).send(result);
    },
  );

  app.delete(
    '/api-tokens/:id',
    {
      schema: {
        response: replies({ 204: noContent }, STAFF, 'not_found'),
        tags: ['auth'],
        summary: 'Revoke an API token (your own; admins: any of the account)',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        revokeApiToken(ctx, { tokenId: request.params.id }),
      );
      await publishSignOut(services.bus, {
        accountId: scope.accountId,
        operatorId: result.operatorId,
        credential: `token:${request.params.id}`,
      });
      return reply.status(204).send();
    },
  );
}
