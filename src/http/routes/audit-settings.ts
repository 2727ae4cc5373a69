// An account's audit settings (issue 19, docs/audit.md "Account settings"):
// supervisors read them beside the audit, admins change them in the console.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAX_AUDIT_PHRASE_LENGTH,
  MAX_AUDIT_PHRASES,
  updateAuditSettings,
} from '../../actions/audit/update-audit-settings.js';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import { AuditSettings } from '../../contract/reports.js';
import { AUDIT_CHECKS, type AuditCheckId } from '../../domain/audit/index.js';
import { loadAuditSettings } from '../../store/queries/audit-settings.js';
import { operatorScope } from '../auth.js';

const checkId = z.enum(AUDIT_CHECKS as [AuditCheckId, ...AuditCheckId[]]);
const phraseList = z.array(z.string().max(MAX_AUDIT_PHRASE_LENGTH * 2)).max(MAX_AUDIT_PHRASES);
const phraseKinds = z.strictObject({
  greeting: phraseList,
  farewell: phraseList,
  banned: phraseList,
});
const phrases = z.strictObject({ ru: phraseKinds, uk: phraseKinds, en: phraseKinds });
const settingsBody = z.strictObject({
  disabled: z.array(checkId).max(AUDIT_CHECKS.length),
  phrases,
});
export async function registerAuditSettingsRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.get(
    '/audit/settings',
    {
      schema: {
        tags: ['audit'],
        summary: "The account's audit settings: checks switched off, its own phrases per language",
        response: { 200: AuditSettings },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'audit.review');
      return loadAuditSettings(services.db, scope.accountId);
    },
  );

  app.put(
    '/audit/settings',
    {
      schema: {
        tags: ['audit'],
        summary: 'Replace the audit settings (admins); they apply from the next audit on',
        body: settingsBody,
        response: { 200: AuditSettings },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'account.configure');
      const { result } = await perform(services, scope, (ctx) =>
        updateAuditSettings(ctx, request.body),
      );
      return result;
    },
  );
}
