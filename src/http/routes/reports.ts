// Statistics reports (issue 6; docs/metrics.md "Reports API"): supervisors and
// admins, scoped to their account, JSON or CSV. Durations leave as seconds.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { BreakdownReport, CategoriesByChannel, OperatorReport } from '../../contract/reports.js';
import { DEFAULT_SERVICE_LEVEL_TARGET_MS, ratio } from '../../domain/metrics/index.js';
import {
  type BreakdownRow,
  breakdownReport,
  categoriesByChannel,
  operatorReport,
  type ReportFilter,
  reportDefaults,
} from '../../store/queries/reports.js';
import { operatorScope } from '../auth.js';
import { sendCsv } from '../csv.js';
import { orCsv, replies, STAFF } from '../replies.js';
import { reportRunner } from '../report-runner.js';
import { qualityFilters, resolveFilters, timeZone } from './quality-filters.js';

const filters = qualityFilters.extend({
  tz: timeZone.optional(),
  slSeconds: z.coerce.number().positive().max(86_400).optional(),
});
type Filters = z.infer<typeof filters>;

const BREAKDOWNS = ['channel', 'team', 'category', 'hour', 'day', 'week'] as const;

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

const OPERATOR_COLUMNS = [
  'operatorId',
  'operatorName',
  'conversations',
  'firstResponseAvgS',
  'firstResponseMedianS',
  'answeredClientMessages',
  'unansweredClientMessages',
  'reactionAvgS',
  'durationAvgS',
  'likes',
  'dislikes',
  'targeted',
  'nonTargeted',
  'auditScore',
] as const;

const BREAKDOWN_COLUMNS = [
  'key',
  'label',
  'conversations',
  'waitAvgS',
  'waitMedianS',
  'firstResponseAvgS',
  'serviceLevel',
  'answeredWithinThreshold',
  'abandoned',
  'targeted',
  'nonTargeted',
] as const;

export async function registerReportRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const run = reportRunner(app.deps);

  /** The caller's account, the period and the defaults every report resolves the same way. */
  async function resolve(request: FastifyRequest, q: Filters) {
    const scope = operatorScope(request);
    authorize(scope.actor, 'report.read');
    const period = await resolveFilters(services, scope.accountId, q);
    const defaults = await reportDefaults(services.db, scope.accountId, q.channelId);
    const filter: ReportFilter = { accountId: scope.accountId, ...period };
    return {
      filter,
      tz: q.tz ?? defaults.timezone ?? 'UTC',
      targetMs:
        q.slSeconds !== undefined
          ? q.slSeconds * 1000
          : (defaults.serviceLevelTargetMs ?? DEFAULT_SERVICE_LEVEL_TARGET_MS),
    };
  }

  app.get(
    '/reports/operators',
    {
      schema: {
        response: replies({ 200: orCsv(OperatorReport) }, STAFF, 'period_too_large'),
        tags: ['reports'],
        summary: 'Per operator: volume, first response, answered messages, reaction, ratings',
        querystring: filters,
      },
    },
    async (request, reply) => {
      const { filter, targetMs } = await resolve(request, request.query);
      const rows = (await run(filter, (db) => operatorReport(db, filter))).map((r) => ({
        operatorId: r.operatorId,
        operatorName: r.operatorName,
        conversations: r.conversations,
        firstResponseAvgS: seconds(r.firstResponseAvgMs),
        firstResponseMedianS: seconds(r.firstResponseMedianMs),
        answeredClientMessages: r.answered,
        unansweredClientMessages: r.unanswered,
        reactionAvgS: seconds(r.reactionAvgMs),
        durationAvgS: seconds(r.durationAvgMs),
        likes: r.likes,
        dislikes: r.dislikes,
        likedConversationIds: r.likedConversationIds,
        dislikedConversationIds: r.dislikedConversationIds,
        targeted: r.targeted,
        nonTargeted: r.nonTargeted,
        auditScore: r.auditScore,
      }));
      if (request.query.format === 'csv')
        return sendCsv(reply, 'operators', OPERATOR_COLUMNS, rows);
      return { ...period(filter), serviceLevelThresholdS: targetMs / 1000, rows };
    },
  );

  app.get(
    '/reports/breakdown',
    {
      schema: {
        response: replies({ 200: orCsv(BreakdownReport) }, STAFF, 'period_too_large'),
        tags: ['reports'],
        summary:
          'Wait, first response, service level and outcomes by channel, team, category or time',
        querystring: filters.extend({ by: z.enum(BREAKDOWNS) }),
      },
    },
    async (request, reply) => {
      const { filter, tz, targetMs } = await resolve(request, request.query);
      const by = request.query.by;
      const found = await run(filter, (db) => breakdownReport(db, filter, by, tz, targetMs));
      const rows = found.map((r) => presentBreakdown(r));
      if (request.query.format === 'csv')
        return sendCsv(reply, `breakdown-${by}`, BREAKDOWN_COLUMNS, rows);
      return { ...period(filter), by, serviceLevelThresholdS: targetMs / 1000, rows };
    },
  );

  app.get(
    '/reports/categories-by-channel',
    {
      schema: {
        response: replies({ 200: orCsv(CategoriesByChannel) }, STAFF, 'period_too_large'),
        tags: ['reports'],
        summary: 'Conversations per category on one channel',
        querystring: filters.extend({ channelId: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const { filter } = await resolve(request, request.query);
      const channelId = request.query.channelId;
      const rows = (
        await run(filter, (db) => categoriesByChannel(db, { ...filter, channelId }))
      ).map((r) => ({
        categoryId: r.categoryId,
        categoryName: r.categoryId === null ? '—' : (r.categoryName ?? '—'),
        conversations: r.conversations,
      }));
      if (request.query.format === 'csv')
        return sendCsv(
          reply,
          'categories-by-channel',
          ['categoryId', 'categoryName', 'conversations'],
          rows,
        );
      return { channelId, rows };
    },
  );
}

function period(filter: ReportFilter) {
  return { from: filter.from.toISOString(), to: filter.to.toISOString() };
}

function presentBreakdown(r: BreakdownRow) {
  return {
    key: r.key,
    label: r.label ?? '—',
    conversations: r.conversations,
    waitAvgS: seconds(r.waitAvgMs),
    waitMedianS: seconds(r.waitMedianMs),
    firstResponseAvgS: seconds(r.firstResponseAvgMs),
    serviceLevel: ratio(r.within, r.decided),
    answeredWithinThreshold: r.within,
    abandoned: r.abandoned,
    targeted: r.targeted,
    nonTargeted: r.nonTargeted,
  };
}
