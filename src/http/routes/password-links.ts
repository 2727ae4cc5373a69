import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perform } from '../../actions/context.js';
import { issuePasswordLink } from '../../actions/operators/issue-password-link.js';
import { findPasswordLink, usePasswordLink } from '../../actions/operators/use-password-link.js';
import { LinkDelivery, Ok, PasswordLinkInfo, PasswordSet } from '../../contract/staff.js';
import { AppError } from '../../errors.js';
import { publishSignOut } from '../../events/sign-out.js';
import { operatorScope } from '../auth.js';
import { deliverPasswordLink, mailLanguage } from '../password-links.js';
import { perMinute } from '../rate-limits.js';
import { replies, STAFF } from '../replies.js';

const token = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a link token.');
const password = z.string().min(8, 'At least 8 characters.').max(200);
/** One person may work in several accounts; a reset mails each of them, up to this many. */
const MAX_RESET_ACCOUNTS = 5;

export async function registerPasswordLinkRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services, config } = app.deps;
  const linkLimit = { rateLimit: perMinute(config.rateLimits.passwordResetsPerAddress) };

  app.post(
    '/operators/:id/password-link',
    {
      schema: {
        response: replies({ 200: LinkDelivery }, STAFF, 'not_found', 'rate_limited'),
        tags: ['operators'],
        summary:
          'Send an operator a new one-time link to set their password (an invitation until they have one)',
        description:
          'Earlier links of the operator stop working. Mailed through the SMTP settings of the ' +
          "account's e-mail channel; without one (or when the mail server refuses) the answer " +
          'carries the link for the admin to pass on.',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ lang: mailLanguage }).default({ lang: 'en' }),
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        issuePasswordLink(ctx, { operatorId: request.params.id, ttlMs: config.passwordLinkTtlMs }),
      );
      return deliverPasswordLink(app.deps, scope.accountId, result, request.body.lang, request.log);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: {
        response: replies({ 202: Ok }, 'rate_limited'),
        tags: ['auth'],
        summary: 'Forgot password: mail a one-time link to set a new one',
        description:
          'Always answers 202, whether or not the e-mail belongs to anyone; the link goes only ' +
          'by e-mail. Without a mail server an admin sets the password, or `switchboard ' +
          'reset-password --email E` prints a link.',
        body: z.object({
          email: z.string().email().max(320),
          accountId: z.string().uuid().optional(),
          lang: mailLanguage,
        }),
      },
    },
    async (request, reply) => {
      const { email, accountId, lang } = request.body;
      const normalized = email.trim().toLowerCase();
      if (!(await app.loginLimits.reset(normalized, request.ip, services.now().getTime())))
        throw new AppError('rate_limited');
      // After the answer: how long the lookup and the mail take must not tell
      // whether the address exists.
      void (async () => {
        let query = services.db
          .selectFrom('operators')
          .select(['id', 'account_id'])
          .where('email', '=', normalized)
          .where('active', '=', true);
        if (accountId) query = query.where('account_id', '=', accountId);
        const found = await query.orderBy('created_at').limit(MAX_RESET_ACCOUNTS).execute();
        for (const op of found) {
          const scope = { accountId: op.account_id, actor: { kind: 'system' as const } };
          const { result } = await perform(services, scope, (ctx) =>
            issuePasswordLink(ctx, { operatorId: op.id, ttlMs: config.passwordLinkTtlMs }),
          );
          const sent = await deliverPasswordLink(
            app.deps,
            op.account_id,
            result,
            lang,
            request.log,
          );
          if (!sent.sent)
            request.log.info(
              { accountId: op.account_id, reason: sent.reason },
              'password reset asked for, but the account cannot send mail',
            );
        }
      })().catch((error: unknown) => request.log.error({ err: error }, 'password reset failed'));
      return reply.status(202).send({ ok: true });
    },
  );

  app.post(
    '/auth/password-link/check',
    {
      config: linkLimit,
      schema: {
        response: replies({ 200: PasswordLinkInfo }, 'password_link_invalid', 'rate_limited'),
        tags: ['auth'],
        summary: 'Whose one-time password link this is, while it still works',
        body: z.object({ token }),
      },
    },
    async (request) => {
      const link = await findPasswordLink(services.db, request.body.token, services.now());
      return {
        email: link.email,
        name: link.name,
        purpose: link.purpose,
        expiresAt: new Date(link.expires_at).toISOString(),
      };
    },
  );

  app.post(
    '/auth/password-link',
    {
      config: linkLimit,
      schema: {
        response: replies({ 200: PasswordSet }, 'password_link_invalid', 'rate_limited'),
        tags: ['auth'],
        summary: 'Set a password with a one-time link; the link stops working',
        description: "The operator's sessions and websockets end; log in with the new password.",
        body: z.object({ token, password }),
      },
    },
    async (request) => {
      const link = await findPasswordLink(services.db, request.body.token, services.now());
      const scope = { accountId: link.account_id, actor: { kind: 'system' as const } };
      const { result } = await perform(services, scope, (ctx) =>
        usePasswordLink(ctx, request.body),
      );
      await publishSignOut(services.bus, {
        accountId: result.accountId,
        operatorId: result.operator.id,
      });
      return { email: result.operator.email, accountId: result.accountId };
    },
  );
}
