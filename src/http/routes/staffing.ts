// Staffing forecast (issue 6; docs/staffing.md): operators to have online per
// hour of the week, from the last weeks' arrivals and handle times.
// Supervisors and admins, scoped to their account.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { StaffingPlan } from '../../contract/reports.js';
import { forecastStaffing } from '../../domain/staffing-forecast.js';
import { invalid } from '../../errors.js';
import { reportDefaults, unknownDimension } from '../../store/queries/reports.js';
import { hourOfWeekDemand } from '../../store/queries/staffing.js';
import { operatorScope } from '../auth.js';
import { sendCsv } from '../csv.js';
import { orCsv, replies, STAFF } from '../replies.js';
import { reportRunner } from '../report-runner.js';
import { accountTimeZone, timeZone } from './quality-filters.js';

const WEEK_MS = 7 * 86_400_000;
const DEFAULT_SL_SECONDS = 20;
const CELL_COLUMNS = [
  'dayOfWeek',
  'hour',
  'arrivalsPerHour',
  'handleTimeS',
  'recommendedOperators',
] as const;

export async function registerStaffingRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const run = reportRunner(app.deps);

  app.get(
    '/staffing',
    {
      schema: {
        response: replies({ 200: orCsv(StaffingPlan) }, STAFF, 'period_too_large'),
        tags: ['staffing'],
        summary: 'Operators needed per hour of the week for a service-level target (Erlang C)',
        querystring: z.object({
          weeks: z.coerce.number().int().min(1).max(52).default(4),
          slTarget: z.coerce.number().gt(0).lt(1).default(0.8),
          slSeconds: z.coerce.number().positive().max(3600).optional(),
          concurrency: z.coerce.number().min(1).max(20).default(2),
          tz: timeZone.optional(),
          channelId: z.string().uuid().optional(),
          teamId: z.string().uuid().optional(),
          format: z.enum(['json', 'csv']).default('json'),
        }),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'staffing.plan');
      const q = request.query;
      const unknown = await unknownDimension(services.db, scope.accountId, q);
      if (unknown) throw invalid(unknown, 'Not found in your account.');
      const defaults = await reportDefaults(services.db, scope.accountId, q.channelId);
      const slSeconds =
        q.slSeconds ??
        (defaults.serviceLevelTargetMs ? defaults.serviceLevelTargetMs / 1000 : DEFAULT_SL_SECONDS);
      const tz = q.tz ?? (await accountTimeZone(services, scope.accountId));
      const to = services.now();
      const from = new Date(to.getTime() - q.weeks * WEEK_MS);
      // Weeks of history are the period here; on the embedded store at most a quarter.
      const samples = await run({ from, to }, (db) =>
        hourOfWeekDemand(db, scope.accountId, {
          from,
          to,
          tz,
          channelId: q.channelId,
          teamId: q.teamId,
        }),
      );
      const cells = forecastStaffing({
        samples,
        weeks: q.weeks,
        concurrency: q.concurrency,
        slTarget: q.slTarget,
        slSeconds,
      });
      if (q.format === 'csv')
        return sendCsv(
          reply,
          'staffing',
          CELL_COLUMNS,
          cells.map((c) => ({ ...c })),
        );
      return {
        inputs: {
          weeks: q.weeks,
          slTarget: q.slTarget,
          slSeconds,
          concurrency: q.concurrency,
          tz,
          from: from.toISOString(),
          to: to.toISOString(),
        },
        cells,
      };
    },
  );
}
