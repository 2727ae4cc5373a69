// Public configuration of a widget channel, read by the embedded widget before
// it shows anything. Only what a visitor's browser needs; no secrets. Also the
// CORS rules every widget endpoint shares: the widget runs on customers' sites,
// so its calls to Switchboard are cross-origin.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALLOWED_UPLOAD_TYPES } from '../../actions/uploads/store-upload.js';
import { WidgetArticles, WidgetConfig } from '../../contract/visitor.js';
import { readableTextColor } from '../../domain/contrast.js';
import { AppError, notFound } from '../../errors.js';
import { renderArticleHtml } from '../../knowledge/markdown.js';
import { findChannelByKey } from '../../store/queries/account.js';
import { searchArticles } from '../../store/queries/articles.js';
import { perMinute } from '../rate-limits.js';
import { replies } from '../replies.js';

export interface WidgetSettings {
  /** The channel's title, or the account's name when it has none. */
  title: string;
  /** Share of visitors (0–100) who see the launcher; decided once per visitor by the widget. */
  displayShare: number;
  preChatForm: { name: boolean; email: boolean };
  typingPreview: boolean;
  color: string;
  /** Text on the colour: light or dark, whichever is readable (WCAG AA). */
  textColor: string;
  /** A search box over the published articles before the chat starts (issue 17). */
  articleSearch: boolean;
}

export function widgetSettings(accountName: string, s: Record<string, unknown>): WidgetSettings {
  const form = (s.preChatForm ?? {}) as { name?: unknown; email?: unknown };
  const color =
    typeof s.color === 'string' && /^#[0-9a-f]{6}$/i.test(s.color) ? s.color : '#2563eb';
  return {
    // Visitors know the company, not the channel's internal name.
    title: typeof s.title === 'string' && s.title.trim() !== '' ? s.title.trim() : accountName,
    displayShare:
      typeof s.displayShare === 'number' ? Math.min(100, Math.max(0, s.displayShare)) : 100,
    preChatForm: { name: form.name === true, email: form.email === true },
    typingPreview: s.typingPreview !== false,
    color,
    textColor: readableTextColor(color),
    articleSearch: s.articleSearch === true,
  };
}

/** The sites allowed to embed the channel; empty means any site. */
export function allowedOrigins(settings: Record<string, unknown>): string[] {
  const list = settings.allowedOrigins;
  return Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : [];
}

/**
 * Refuses a request from a site the channel does not allow. Requests without an
 * Origin header (same-origin GETs, server-to-server) pass: CORS only protects
 * browsers, and a browser always sends Origin on cross-origin requests.
 */
export function enforceOrigin(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: Record<string, unknown>,
): void {
  const origin = request.headers.origin;
  const allowed = allowedOrigins(settings);
  if (!origin || allowed.length === 0 || allowed.includes(origin)) return;
  // The provisional header from widgetCors must not let the refused site read anything.
  reply.removeHeader('access-control-allow-origin');
  throw new AppError('origin_not_allowed');
}

/**
 * CORS for one plugin's routes. The allow-origin header is set before rate
 * limiting and authentication run, so the widget can read a 429 or 401 and
 * react (friendly notice, new session); enforceOrigin takes it back once the
 * channel is known and refuses the origin. Preflights cannot name the channel
 * (no body, no Authorization header), so they are answered for any origin; the
 * actual request is checked.
 */
export function widgetCors(app: FastifyInstance, preflightPaths: string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'origin');
  });
  for (const path of preflightPaths) {
    app.options(path, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600')
        .status(204)
        .send(),
    );
  }
}

export async function registerWidgetRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  widgetCors(app, ['/widget/config', '/widget/articles']);
  app.get(
    '/widget/config',
    {
      config: { rateLimit: perMinute(app.deps.config.rateLimits.widgetConfigPerAddress) },
      schema: {
        response: replies({ 200: WidgetConfig }, 'not_found', 'origin_not_allowed', 'rate_limited'),
        tags: ['visitor'],
        summary: "A widget channel's public settings",
        querystring: z.object({ channelKey: z.string().min(1).max(100) }),
      },
    },
    async (request, reply) => {
      const channel = await findChannelByKey(app.deps.services.db, request.query.channelKey);
      if (channel?.kind !== 'widget') throw notFound('Channel');
      enforceOrigin(request, reply, channel.settings);
      const account = await app.deps.services.db
        .selectFrom('accounts')
        .select('name')
        .where('id', '=', channel.account_id)
        .executeTakeFirstOrThrow();
      return {
        channelId: channel.id,
        ...widgetSettings(account.name, channel.settings),
        // The widget follows an operator's "go to URL" only within these sites (and its own page's).
        allowedOrigins: allowedOrigins(channel.settings),
        // The widget checks files against these before uploading; the server checks again.
        uploads: { maxBytes: app.deps.config.maxUploadBytes, types: ALLOWED_UPLOAD_TYPES },
      };
    },
  );

  app.get(
    '/widget/articles',
    {
      config: { rateLimit: perMinute(app.deps.config.rateLimits.widgetConfigPerAddress) },
      schema: {
        tags: ['visitor'],
        summary:
          "Search the published articles before a chat starts, when the channel's articleSearch is on; best first, the body as sanitized HTML",
        querystring: z.object({
          channelKey: z.string().min(1).max(100),
          q: z.string().trim().min(1).max(200),
          language: z.enum(['ru', 'uk', 'en']).optional(),
        }),
        response: { 200: WidgetArticles },
      },
    },
    async (request, reply) => {
      const { db } = app.deps.services;
      const channel = await findChannelByKey(db, request.query.channelKey);
      if (channel?.kind !== 'widget' || channel.settings.articleSearch !== true)
        throw notFound('Channel');
      enforceOrigin(request, reply, channel.settings);
      const { q, language } = request.query;
      const rows = await searchArticles(db, {
        accountId: channel.account_id,
        q,
        publishedOnly: true,
        ...(language ? { languages: [language] } : {}),
        limit: 5,
      });
      return {
        articles: rows.map((r) => ({ id: r.id, title: r.title, html: renderArticleHtml(r.body) })),
      };
    },
  );
}
