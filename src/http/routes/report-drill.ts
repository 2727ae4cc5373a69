// GET /reports/conversations (issue 18): the conversations behind a report
// figure, with the client, channel, operator, date and time, wait, first
// response and outcome, so a supervisor reads dialogs rather than ids and
// opens them. Same filters as every report, plus an optional rating.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { DrillList } from '../../contract/reports.js';
import { drillConversations, MAX_DRILL_ROWS } from '../../store/queries/report-drill.js';
import { operatorScope } from '../auth.js';
import { reportRunner } from '../report-runner.js';
import { qualityFilters, resolveFilters } from './quality-filters.js';

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

export async function registerReportDrillRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const run = reportRunner(app.deps);

  app.get(
    '/reports/conversations',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The conversations behind a report figure: client, channel, operator, time, wait, first response, outcome',
        querystring: qualityFilters.omit({ format: true }).extend({
          rating: z.enum(['like', 'dislike']).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_DRILL_ROWS).default(50),
        }),
        response: { 200: DrillList },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'report.read');
      const q = request.query;
      const period = await resolveFilters(services, scope.accountId, q);
      const filter = { accountId: scope.accountId, ...period, rating: q.rating };
      const found = await run(filter, (db) => drillConversations(db, filter, q.limit));
      return {
        from: period.from.toISOString(),
        to: period.to.toISOString(),
        total: found.total,
        rows: found.rows.map((r) => ({
          conversationId: r.conversationId,
          clientName: r.clientName,
          channelId: r.channelId,
          channelName: r.channelName,
          operatorId: r.operatorId,
          operatorName: r.operatorName,
          createdAt: r.createdAt.toISOString(),
          waitS: seconds(r.waitMs),
          firstResponseS: seconds(r.firstResponseMs),
          outcome: r.outcome,
          rating: r.rating,
        })),
      };
    },
  );
}
