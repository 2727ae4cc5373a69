// The bot's statistics (issue 17; docs/metrics.md "Bot"): containment,
// hand-overs and time with the bot per channel or per period, and the
// articles it showed with their helped rate. Supervisors and admins; JSON or CSV.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../actions/policy.js';
import { BotArticles, BotReport } from '../../contract/reports.js';
import { ratio } from '../../domain/metrics/index.js';
import { botArticles, botReport } from '../../store/queries/bot-report.js';
import { operatorScope } from '../auth.js';
import { sendCsv } from '../csv.js';
import { reportRunner } from '../report-runner.js';
import { accountTimeZone, instant, resolveFilters, timeZone } from './quality-filters.js';

const filters = z.object({
  from: instant.optional(),
  to: instant.optional(),
  channelId: z.string().uuid().optional(),
  tz: timeZone.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

const BOT_COLUMNS = [
  'key',
  'label',
  'conversations',
  'resolvedByBot',
  'handedOver',
  'leftWithBot',
  'containmentRate',
  'botTimeAvgS',
] as const;

const ARTICLE_COLUMNS = [
  'articleId',
  'title',
  'shown',
  'helped',
  'notHelped',
  'helpedRate',
] as const;

export async function registerBotReportRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;
  const run = reportRunner(app.deps);

  app.get(
    '/reports/bot',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The bot per channel, day or week: conversations it started, resolved (containment), handed over, time with the bot',
        querystring: filters.extend({ by: z.enum(['channel', 'day', 'week']).default('channel') }),
        response: {
          200: z.union([BotReport, z.string()]),
        },
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'report.read');
      const q = request.query;
      const period = await resolveFilters(services, scope.accountId, q);
      const tz = q.tz ?? (await accountTimeZone(services, scope.accountId));
      const filter = { accountId: scope.accountId, ...period };
      const rows = (await run(filter, (db) => botReport(db, filter, q.by, tz))).map((r) => ({
        key: r.key,
        label: r.label,
        conversations: r.conversations,
        resolvedByBot: r.resolved,
        handedOver: r.handedOver,
        leftWithBot: r.leftWithBot,
        containmentRate: ratio(r.resolved, r.conversations),
        botTimeAvgS: r.botTimeAvgMs === null ? null : r.botTimeAvgMs / 1000,
      }));
      if (q.format === 'csv') return sendCsv(reply, `bot-${q.by}`, BOT_COLUMNS, rows);
      return { from: period.from.toISOString(), to: period.to.toISOString(), by: q.by, rows };
    },
  );

  app.get(
    '/reports/bot-articles',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Articles the bot showed most, with how often clients said they helped (helped ÷ answered)',
        querystring: filters.extend({ limit: z.coerce.number().int().min(1).max(100).default(10) }),
        response: {
          200: z.union([BotArticles, z.string()]),
        },
      },
    },
    async (request, reply) => {
      const scope = operatorScope(request);
      authorize(scope.actor, 'report.read');
      const q = request.query;
      const period = await resolveFilters(services, scope.accountId, q);
      const filter = { accountId: scope.accountId, ...period };
      const rows = (await run(filter, (db) => botArticles(db, filter, q.limit))).map((r) => ({
        ...r,
        helpedRate: ratio(r.helped, r.helped + r.notHelped),
      }));
      if (q.format === 'csv') return sendCsv(reply, 'bot-articles', ARTICLE_COLUMNS, rows);
      return { from: period.from.toISOString(), to: period.to.toISOString(), rows };
    },
  );
}
