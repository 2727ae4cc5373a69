import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { createApiToken } from '../../actions/sessions/create-api-token.js';
import { login, logout } from '../../actions/sessions/login.js';
import { presentAccount, presentOperator } from '../../presenters.js';
import { getAccount, operatorTeamIdsOf } from '../../store/queries/account.js';
import { operatorScope, SESSION_COOKIE } from '../auth.js';

export async function registerAuthRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services, config } = app.deps;

  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password; sets the session cookie, returns the CSRF token',
        body: z.object({ email: z.string().email(), password: z.string().min(1) }),
      },
    },
    async (request, reply) => {
      const s = await login(services.db, services.now(), request.body);
      reply.setCookie(SESSION_COOKIE, s.sessionId, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: config.publicUrl.startsWith('https://'),
        expires: s.expiresAt,
      });
      const teamIds = await operatorTeamIdsOf(services.db, s.operator.id);
      return { operator: presentOperator(s.operator, teamIds), csrfToken: s.csrf };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End the session' } },
    async (request, reply) => {
      operatorScope(request);
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await logout(services.db, sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'The logged-in operator, account and CSRF token' } },
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
        csrfToken: p?.kind === 'operator' ? p.csrf : null,
      };
    },
  );

  app.post(
    '/api-tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for integrations (shown once)',
        body: z.object({ name: z.string().min(1).max(100) }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) => createApiToken(ctx, request.body));
      return result;
    },
  );
}
