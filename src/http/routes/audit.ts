// Dialog-quality audit (issue 6; docs/audit.md "Storage and review API"):
// per-operator scores, the failing list, one conversation's result, review
// samples and reviewers' verdicts. Supervisors and admins, scoped to their account.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_REVIEW_COMMENT, reviewAudit } from '../../actions/audit/review-audit.js';
import { perform } from '../../actions/context.js';
import { authorize } from '../../actions/policy.js';
import {
  AuditAgreement,
  AuditSample,
  AuditView,
  FailingAudits,
  OperatorAudits,
} from '../../contract/reports.js';
import {
  AUDIT_CHECKS,
  type AuditCheckId,
  type AuditResult,
  type LabeledAudit,
  measureAgreement,
} from '../../domain/audit/index.js';
import { sampleUniform } from '../../domain/sample.js';
import { AppError } from '../../errors.js';
import {
  failingAudits,
  getAudit,
  operatorAudits,
  reviewedAudits,
  sampledAudits,
  unreviewedAudits,
} from '../../store/queries/audit.js';
import { operatorScope } from '../auth.js';
import { sendCsv } from '../csv.js';
import { orCsv, replies, STAFF } from '../replies.js';
import { reportRunner } from '../report-runner.js';
import { instant, qualityFilters, resolveFilters } from './quality-filters.js';

const checkId = z.enum(AUDIT_CHECKS as [AuditCheckId, ...AuditCheckId[]]);
const outcome = z.enum(['pass', 'fail', 'na']);
const verdicts = z.strictObject(
  Object.fromEntries(AUDIT_CHECKS.map((c) => [c, outcome])) as Record<AuditCheckId, typeof outcome>,
);
const conversationParams = z.object({ id: z.string().uuid() });

const OPERATOR_COLUMNS = [
  'operatorId',
  'operatorName',
  'audited',
  'score',
  ...AUDIT_CHECKS.flatMap((c) => [`checks.${c}.pass`, `checks.${c}.fail`, `checks.${c}.na`]),
];
const FAILING_COLUMNS = [
  'conversationId',
  'contactName',
  'operatorId',
  'operatorName',
  'closedAt',
  'score',
  'failed',
];
/** Disagreements listed in an agreement report; the counts cover every review. */
const MAX_DISAGREEMENTS = 200;

export async function registerAuditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const run = reportRunner(app.deps);

  function reviewerScope(request: Parameters<typeof operatorScope>[0]) {
    const scope = operatorScope(request);
    authorize(scope.actor, 'audit.review');
    return scope;
  }

  app.get(
    '/audit/operators',
    {
      schema: {
        response: replies({ 200: orCsv(OperatorAudits) }, STAFF, 'period_too_large'),
        tags: ['audit'],
        summary: 'Per operator: dialogs audited, mean score, outcomes per check',
        querystring: qualityFilters,
      },
    },
    async (request, reply) => {
      const scope = reviewerScope(request);
      const filter = await resolveFilters(services, scope.accountId, request.query);
      const rows = await run(filter, (db) => operatorAudits(db, scope.accountId, filter));
      if (request.query.format === 'csv') {
        const flat = rows.map((r) => ({
          operatorId: r.operatorId,
          operatorName: r.operatorName,
          audited: r.audited,
          score: r.score,
          ...Object.fromEntries(
            AUDIT_CHECKS.flatMap((c) =>
              (['pass', 'fail', 'na'] as const).map((o) => [`checks.${c}.${o}`, r.checks[c][o]]),
            ),
          ),
        }));
        return sendCsv(reply, 'audit-operators', OPERATOR_COLUMNS, flat);
      }
      return { rows };
    },
  );

  app.get(
    '/audit/failing',
    {
      schema: {
        response: replies({ 200: orCsv(FailingAudits) }, STAFF, 'period_too_large'),
        tags: ['audit'],
        summary: 'Audited conversations that failed a check (or the given one), newest first',
        querystring: qualityFilters.extend({
          check: checkId.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: instant.optional(),
        }),
      },
    },
    async (request, reply) => {
      const scope = reviewerScope(request);
      const q = request.query;
      const filter = await resolveFilters(services, scope.accountId, q);
      const rows = await run(filter, (db) =>
        failingAudits(db, scope.accountId, {
          ...filter,
          check: q.check,
          limit: q.limit,
          before: q.before ? new Date(q.before) : undefined,
        }),
      );
      if (q.format === 'csv') {
        const flat = rows.map((r) => ({ ...r, failed: r.failed.join(' ') }));
        return sendCsv(reply, 'audit-failing', FAILING_COLUMNS, flat);
      }
      return { rows };
    },
  );

  app.get(
    '/audit/conversations/:id',
    {
      schema: {
        response: replies({ 200: AuditView }, STAFF, 'conversation_not_found'),
        tags: ['audit'],
        summary: "A conversation's automatic audit, with the reviewer's verdict beside it",
        params: conversationParams,
      },
    },
    async (request) => {
      const scope = reviewerScope(request);
      const audit = await getAudit(services.db, scope.accountId, request.params.id);
      if (!audit) throw new AppError('conversation_not_found');
      return audit;
    },
  );

  app.put(
    '/audit/conversations/:id/review',
    {
      schema: {
        response: replies({ 200: AuditView }, STAFF, 'conversation_not_found'),
        tags: ['audit'],
        summary: "Store a reviewer's verdict on all ten checks beside the automatic one",
        params: conversationParams,
        body: z.object({
          verdicts,
          comment: z.string().max(MAX_REVIEW_COMMENT).nullable().optional(),
        }),
      },
    },
    async (request) => {
      const scope = reviewerScope(request);
      await perform(services, scope, (ctx) =>
        reviewAudit(ctx, {
          conversationId: request.params.id,
          verdicts: request.body.verdicts,
          comment: request.body.comment ?? null,
        }),
      );
      const audit = await getAudit(services.db, scope.accountId, request.params.id);
      if (!audit) throw new AppError('conversation_not_found');
      return audit;
    },
  );

  app.post(
    '/audit/sample',
    {
      schema: {
        response: replies({ 200: AuditSample }, STAFF, 'period_too_large'),
        tags: ['audit'],
        summary: 'A uniform random sample of audited conversations nobody has reviewed yet',
        body: z.object({
          size: z.number().int().min(1).max(200),
          from: instant.optional(),
          to: instant.optional(),
          operatorId: z.string().uuid().optional(),
        }),
      },
    },
    async (request) => {
      const scope = reviewerScope(request);
      const filter = await resolveFilters(services, scope.accountId, request.body);
      const candidates = await run(filter, (db) => unreviewedAudits(db, scope.accountId, filter));
      const ids = sampleUniform(candidates, request.body.size, services.random);
      const conversations = await run(filter, (db) => sampledAudits(db, scope.accountId, ids));
      return { conversationIds: ids, conversations };
    },
  );

  app.get(
    '/audit/agreement',
    {
      schema: {
        response: replies({ 200: AuditAgreement }, STAFF, 'period_too_large'),
        tags: ['audit'],
        summary: "Agreement of reviewers' verdicts with the automatic outcomes, per check",
        querystring: qualityFilters.omit({ format: true }),
      },
    },
    async (request) => {
      const scope = reviewerScope(request);
      const filter = await resolveFilters(services, scope.accountId, request.query);
      const reviewed = await run(filter, (db) => reviewedAudits(db, scope.accountId, filter));
      const labeled: LabeledAudit[] = reviewed.map((r) => {
        const actual: AuditResult = {
          score: r.score,
          checks: AUDIT_CHECKS.map((check) => ({
            check,
            outcome: r.checks[check]?.outcome ?? 'na',
            messageSeq: null,
            reason: r.checks[check]?.note ?? '',
            span: null,
          })),
        };
        return { id: r.conversationId, expected: r.verdicts, actual };
      });
      const report = measureAgreement(labeled);
      return {
        reviewed: report.dialogs,
        agree: report.agree,
        total: report.total,
        // measureAgreement calls an empty set 1 (perfect); with no review there is no figure.
        agreement: report.total === 0 ? null : report.agreement,
        perCheck: report.perCheck.map((c) => ({
          ...c,
          agreement: c.total === 0 ? null : c.agreement,
        })),
        disagreements: report.disagreements.slice(0, MAX_DISAGREEMENTS).map((d) => ({
          conversationId: d.id,
          check: d.check,
          reviewer: d.expected,
          automatic: d.actual,
          note: d.reason,
        })),
      };
    },
  );
}
