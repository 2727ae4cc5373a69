// Staffing forecast (issues 6 and 18; docs/staffing.md): operators to have
// online per 15/30/60-minute interval of the week, from the last weeks'
// arrivals and handle times at the concurrency operators actually sustained,
// beside the operators who were online then and the working hours.
// Supervisors and admins, scoped to their account.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { StaffingPlan } from '../../contract/reports.js';
import {
  forecastIntervals,
  type IntervalMinutes,
  onlineBySlot,
  slotOf,
  slotsPerWeek,
  sustainedConcurrency,
} from '../../domain/staffing-intervals.js';
import {
  effectiveWorkingHours,
  isWithinWorkingHours,
  localDateAndMinute,
  WEEKDAYS,
  type WorkingHours,
  weekdayOf,
} from '../../domain/working-hours.js';
import { invalid } from '../../errors.js';
import { onlineIntervals } from '../../store/queries/replay.js';
import { reportDefaults, unknownDimension } from '../../store/queries/reports.js';
import { carriedLoad, intervalDemand } from '../../store/queries/staffing.js';
import { operatorScope } from '../auth.js';
import { sendCsv } from '../csv.js';
import { orCsv, replies, STAFF } from '../replies.js';
import { reportRunner } from '../report-runner.js';
import { accountTimeZone, timeZone } from './quality-filters.js';

const WEEK_MS = 7 * 86_400_000;
const DEFAULT_SL_SECONDS = 20;
/** When nothing was handled in the period to measure concurrency from. */
const DEFAULT_CONCURRENCY = 2;
const CELL_COLUMNS = [
  'dayOfWeek',
  'hour',
  'minute',
  'arrivals',
  'arrivalsPerHour',
  'handleTimeS',
  'recommendedOperators',
  'scheduledOperators',
  'gap',
  'open',
] as const;

/** The local interval of the week an instant falls in. */
function slotIn(tz: string, interval: IntervalMinutes) {
  return (at: number) => {
    const { date, minute } = localDateAndMinute(tz, at);
    return slotOf(WEEKDAYS.indexOf(weekdayOf(date)), minute, interval);
  };
}

/** Open or not per interval of the week, judged on the period's last week. */
function openSlots(
  hours: WorkingHours | null,
  to: Date,
  interval: IntervalMinutes,
  slotAt: (at: number) => number,
): boolean[] {
  const open = new Array<boolean>(slotsPerWeek(interval)).fill(true);
  if (hours === null) return open;
  const step = interval * 60_000;
  const start = Math.floor((to.getTime() - WEEK_MS) / step) * step;
  for (let at = start; at < start + WEEK_MS; at += step)
    open[slotAt(at)] = isWithinWorkingHours(hours, at);
  return open;
}

export async function registerStaffingRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const run = reportRunner(app.deps);

  app.get(
    '/staffing',
    {
      schema: {
        tags: ['staffing'],
        summary: 'Operators needed per interval of the week for a service-level target (Erlang C)',
        querystring: z.object({
          weeks: z.coerce.number().int().min(1).max(52).default(4),
          interval: z.coerce
            .number()
            .refine((v) => v === 15 || v === 30 || v === 60, 'One of 15, 30, 60.')
            .default(60),
          slTarget: z.coerce.number().gt(0).lt(1).default(0.8),
          slSeconds: z.coerce.number().positive().max(3600).optional(),
          concurrency: z.coerce.number().min(1).max(20).optional(),
          tz: timeZone.optional(),
          channelId: z.string().uuid().optional(),
          teamId: z.string().uuid().optional(),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: replies({ 200: orCsv(StaffingPlan) }, STAFF, 'period_too_large'),
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'staffing.plan');
      const q = request.query;
      const interval = q.interval as IntervalMinutes;
      const unknown = await unknownDimension(services.db, scope.accountId, q);
      if (unknown) throw invalid(unknown, 'Not found in your account.');
      const defaults = await reportDefaults(services.db, scope.accountId, q.channelId);
      const slSeconds =
        q.slSeconds ??
        (defaults.serviceLevelTargetMs ? defaults.serviceLevelTargetMs / 1000 : DEFAULT_SL_SECONDS);
      const tz = q.tz ?? (await accountTimeZone(services, scope.accountId));
      const to = services.now();
      const from = new Date(to.getTime() - q.weeks * WEEK_MS);
      const filter = { from, to, tz, channelId: q.channelId, teamId: q.teamId };
      // Weeks of history are the period here; on the embedded store at most a quarter.
      const { samples, load, online, hours } = await run({ from, to }, async (db) => {
        const [samples, load, online, account, team, members] = await Promise.all([
          intervalDemand(db, scope.accountId, { ...filter, intervalMinutes: interval }),
          carriedLoad(db, scope.accountId, filter),
          onlineIntervals(db, scope.accountId, from, to),
          db
            .selectFrom('accounts')
            .select('settings')
            .where('id', '=', scope.accountId)
            .executeTakeFirstOrThrow(),
          q.teamId
            ? db
                .selectFrom('teams')
                .select('working_hours')
                .where('id', '=', q.teamId)
                .executeTakeFirst()
            : undefined,
          q.teamId
            ? db
                .selectFrom('team_members')
                .select('operator_id')
                .where('team_id', '=', q.teamId)
                .execute()
            : undefined,
        ]);
        // A team's forecast counts that team's people only.
        const inTeam = members ? new Set(members.map((m) => m.operator_id)) : null;
        const kept = [...online].filter(([id]) => inTeam === null || inTeam.has(id));
        return {
          samples,
          load,
          online: kept.flatMap(([, spans]) => spans),
          hours: effectiveWorkingHours(account.settings.workingHours, team?.working_hours),
        };
      });
      const measured = sustainedConcurrency(load.busySeconds, load.activeSeconds);
      const concurrency = q.concurrency ?? measured ?? DEFAULT_CONCURRENCY;
      const slotAt = slotIn(tz, interval);
      const cells = forecastIntervals({
        samples,
        intervalMinutes: interval,
        weeks: q.weeks,
        concurrency,
        slTarget: q.slTarget,
        slSeconds,
        scheduled: onlineBySlot(online, interval, q.weeks, slotAt),
        open: openSlots(hours, to, interval, slotAt),
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
          interval,
          slTarget: q.slTarget,
          slSeconds,
          concurrency,
          measuredConcurrency: measured,
          averageLimit: load.averageLimit,
          tz,
          from: from.toISOString(),
          to: to.toISOString(),
        },
        cells,
      };
    },
  );
}
