// What-if replay (issue 18; docs/replay.md): a past period's real traffic
// played through the router again with other settings, beside what actually
// happened and beside the replay of the unchanged settings. Supervisors and
// admins, their own account; the replay itself runs on a worker thread.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { ReplayAnswer, ReplaySettingsBody } from '../../contract/replay.js';
import type { ReplaySettings, ReplaySide } from '../../domain/simulation/replay-types.js';
import { invalid } from '../../errors.js';
import { replayHistory } from '../../store/queries/replay.js';
import { operatorScope } from '../auth.js';
import { createReplayRunner } from '../replay-runner.js';
import { reportRunner } from '../report-runner.js';
import { accountTimeZone, instant, timeZone } from './quality-filters.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_PERIOD_DAYS = 31;

/** Minutes east of UTC in `tz` at `at` (Intl's "GMT+03:00"). */
export function utcOffsetMinutes(tz: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const presentSide = (side: ReplaySide) => ({
  ...side,
  hours: side.hours.map((h) => ({ ...h, start: new Date(h.start).toISOString() })),
});

export async function registerReplayRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const read = reportRunner(app.deps);
  const runner = createReplayRunner();
  app.addHook('onClose', () => runner.close());

  app.post(
    '/replay',
    {
      schema: {
        tags: ['staffing'],
        summary: "Replays a past period's traffic through the router with other settings",
        body: z
          .object({
            from: instant.optional(),
            to: instant.optional(),
            tz: timeZone.optional(),
            settings: ReplaySettingsBody.default({}),
          })
          .strict(),
        response: { 200: ReplayAnswer },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'staffing.plan');
      const body = request.body;
      // Whole hours, so the per-hour rows are the clock's hours.
      const to = new Date(
        Math.ceil((body.to ? Date.parse(body.to) : services.now().getTime()) / HOUR) * HOUR,
      );
      const from = new Date(
        Math.floor((body.from ? Date.parse(body.from) : to.getTime() - 7 * DAY) / HOUR) * HOUR,
      );
      if (from >= to) throw invalid('from', '"from" must be before "to".');
      if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY)
        throw invalid('to', `A replay covers at most ${MAX_PERIOD_DAYS} days.`);
      const tz = body.tz ?? (await accountTimeZone(services, scope.accountId));
      const history = await read({ from, to }, (db) =>
        replayHistory(db, scope.accountId, { from, to }),
      );
      const settings: ReplaySettings = body.settings;
      const operatorIds = new Set(history.operators.map((o) => o.id));
      for (const id of Object.keys(settings.limits ?? {}))
        if (!operatorIds.has(id))
          throw invalid(`settings.limits.${id}`, 'Not found in your account.');
      const [channels, teams] = await Promise.all([
        services.db
          .selectFrom('channels')
          .select(['id', 'name', 'priority'])
          .where('account_id', '=', scope.accountId)
          .orderBy('priority')
          .orderBy('name')
          .execute(),
        services.db
          .selectFrom('teams')
          .select(['id', 'name', 'mode'])
          .where('account_id', '=', scope.accountId)
          .orderBy('name')
          .execute(),
      ]);
      const known = new Set(channels.map((c) => c.id));
      for (const id of Object.keys(settings.channelPriorities ?? {}))
        if (!known.has(id))
          throw invalid(`settings.channelPriorities.${id}`, 'Not found in your account.');
      const slaSeconds = history.serviceLevelTargetMs / 1000;
      const { changed, unchanged } = await runner.run(
        {
          from: from.getTime(),
          to: to.getTime(),
          conversations: history.conversations,
          operators: history.operators,
          teams: history.teams,
          accountPolicy: history.accountPolicy,
          slaSeconds,
          utcOffsetMinutes: utcOffsetMinutes(tz, from),
          seed: 1,
        },
        settings,
        // The unchanged replay is judged at the same threshold as the changed one.
        settings.slaSeconds === undefined ? {} : { slaSeconds: settings.slaSeconds },
      );
      return {
        baseline: {
          mode: history.accountPolicy.mode,
          teams,
          operators: history.operators.map((o) => ({ id: o.id, name: o.name, limit: o.limit })),
          channels,
          slaSeconds,
        },
        period: { from: from.toISOString(), to: to.toISOString(), tz },
        slaSeconds: settings.slaSeconds ?? slaSeconds,
        actual: presentSide(changed.actual),
        replay: presentSide(changed.replay),
        unchanged: { totals: unchanged.replay.totals },
      };
    },
  );
}
