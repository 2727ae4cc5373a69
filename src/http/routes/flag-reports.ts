// The flag statistics (issue 17; docs/metrics.md "Flagged conversations"):
// supervisors and admins, scoped to their account, JSON or CSV, by channel or
// time bucket. Durations leave as seconds, like the other reports.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { FlagReport } from '../../contract/reports.js';
import { ratio } from '../../domain/metrics/index.js';
import { flagReport } from '../../store/queries/flag-report.js';
import { type ReportFilter, reportDefaults } from '../../store/queries/reports.js';
import { operatorScope } from '../auth.js';
import { sendCsv } from '../csv.js';
import { reportRunner } from '../report-runner.js';
import { qualityFilters, resolveFilters, timeZone } from './quality-filters.js';

const FLAG_BREAKDOWNS = FlagReport.shape.by.options;

export const FLAG_COLUMNS = [
  'key',
  'label',
  'conversations',
  'flagged',
  'flaggedShare',
  'answered',
  'answerAvgS',
  'answerMedianS',
] as const;

const seconds = (ms: number | null): number | null => (ms === null ? null : ms / 1000);

export async function registerFlagReportRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const run = reportRunner(app.deps);

  app.get(
    '/reports/flags',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Conversations flagged as angry or urgent and how fast they were answered after the flag, by channel or time',
        querystring: qualityFilters.extend({
          tz: timeZone.optional(),
          by: z.enum(FLAG_BREAKDOWNS).default('channel'),
        }),
        response: { 200: z.union([FlagReport, z.string()]) },
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'report.read');
      const q = request.query;
      const period = await resolveFilters(services, scope.accountId, q);
      const defaults = await reportDefaults(services.db, scope.accountId, q.channelId);
      const filter: ReportFilter = { accountId: scope.accountId, ...period };
      const tz = q.tz ?? defaults.timezone ?? 'UTC';
      const found = await run(filter, (db) => flagReport(db, filter, q.by, tz));
      const rows = found.map((r) => ({
        key: r.key,
        label: r.label ?? '—',
        conversations: r.conversations,
        flagged: r.flagged,
        flaggedShare: ratio(r.flagged, r.conversations),
        answered: r.answered,
        answerAvgS: seconds(r.answerAvgMs),
        answerMedianS: seconds(r.answerMedianMs),
      }));
      if (q.format === 'csv') return sendCsv(reply, `flags-${q.by}`, FLAG_COLUMNS, rows);
      return {
        from: filter.from.toISOString(),
        to: filter.to.toISOString(),
        by: q.by,
        rows,
      };
    },
  );
}
