// GET /reports/dashboard (issue 18; docs/metrics.md "Dashboard"): today so
// far against the same weekday last week until the same time — conversations,
// service level, first response, missed, likes, audit score — whole and per
// local hour for the sparklines. Supervisors and admins, their account only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { Dashboard } from '../../contract/reports.js';
import {
  type DashboardFigures,
  DEFAULT_SERVICE_LEVEL_TARGET_MS,
  figuresOf,
  hourlyFigures,
} from '../../domain/metrics/index.js';
import { dashboardPeriods, hourTotals } from '../../store/queries/dashboard.js';
import { reportDefaults } from '../../store/queries/reports.js';
import { operatorScope } from '../auth.js';
import { reportRunner } from '../report-runner.js';
import { isTimeZone, timeZone } from './quality-filters.js';

function present(f: DashboardFigures) {
  return {
    conversations: f.conversations,
    serviceLevel: f.serviceLevel,
    firstResponseAvgS: f.firstResponseAvgMs === null ? null : f.firstResponseAvgMs / 1000,
    missed: f.missed,
    likes: f.likes,
    auditScore: f.auditScore,
  };
}

export async function registerDashboardRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const run = reportRunner(app.deps);

  app.get(
    '/reports/dashboard',
    {
      schema: {
        tags: ['reports'],
        summary: 'Today so far against the same weekday last week, whole and per hour',
        querystring: z.object({ tz: timeZone.optional() }),
        response: { 200: Dashboard },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'report.read');
      const defaults = await reportDefaults(services.db, scope.accountId, undefined);
      const tz =
        request.query.tz ??
        (defaults.timezone && isTimeZone(defaults.timezone) ? defaults.timezone : 'UTC');
      const targetMs = defaults.serviceLevelTargetMs ?? DEFAULT_SERVICE_LEVEL_TARGET_MS;
      const now = services.now();
      const p = await dashboardPeriods(services.db, now, tz);
      const periods = [
        { from: p.todayFrom, to: now },
        { from: p.lastWeekFrom, to: p.lastWeekTo },
      ];
      const [today, lastWeek] = await Promise.all(
        periods.map(async ({ from, to }) => {
          const filter = { accountId: scope.accountId, from, to };
          const hours = await run(filter, (db) => hourTotals(db, filter, tz, targetMs));
          return {
            from: from.toISOString(),
            to: to.toISOString(),
            figures: present(figuresOf(hours)),
            hours: hourlyFigures(hours, p.hourNow).map(({ hour, ...f }) => ({
              hour,
              ...present(f),
            })),
          };
        }),
      );
      return {
        timeZone: tz,
        serviceLevelThresholdS: targetMs / 1000,
        today: today!,
        lastWeek: lastWeek!,
      };
    },
  );
}
