// Inbound webhooks of external channels. They need the raw body (the API
// channel's HMAC is over the exact bytes), so this plugin has its own
// content-type parser that hands the handler a Buffer. Telegram's secret token
// is checked in onRequest — before the body is even read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enqueueInbound } from '../../actions/channels/enqueue-inbound.js';
import { ingestInbound } from '../../actions/channels/ingest-inbound.js';
import { perform } from '../../actions/context.js';
import { apiAdapter } from '../../channels/api/adapter.js';
import { apiInboundSchema } from '../../channels/api/payload.js';
import { channelsRuntimeOf } from '../../channels/runtime.js';
import { channelSettings } from '../../channels/settings.js';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  sameSecret,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../channels/signature.js';
import { updateInboxItem } from '../../channels/telegram/adapter.js';
import { webhookSecret } from '../../channels/telegram/settings.js';
import { parseTelegramUpdate } from '../../channels/telegram/update.js';
import { ApiChannelAnswer, TelegramAck } from '../../contract/visitor.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { findChannelByKey } from '../../store/queries/account.js';
import type { ChannelKind, ChannelRow } from '../../store/schema.js';
import { perMinute } from '../rate-limits.js';
import { replies } from '../replies.js';

const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const key = z.object({ key: z.string().min(1).max(100) });

const SIGNATURE_ERRORS = {
  missing: `Sign the request: ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} are required.`,
  malformed: `${SIGNATURE_HEADER} must be "sha256=<hex>" and ${TIMESTAMP_HEADER} unix seconds.`,
  mismatch: 'The signature does not match the body.',
  expired: 'The timestamp is more than 5 minutes off: refused as a possible replay.',
} as const;

export async function registerChannelInboundRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services, config } = app.deps;
  const channels = new WeakMap<FastifyRequest, ChannelRow>();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  async function channelOf(request: FastifyRequest, kind: ChannelKind): Promise<ChannelRow> {
    const channel = await findChannelByKey(services.db, (request.params as { key: string }).key);
    if (channel?.kind !== kind) throw notFound('Channel');
    channels.set(request, channel);
    return channel;
  }

  app.post(
    '/channels/telegram/:key/webhook',
    {
      config: { rateLimit: perMinute(config.rateLimits.telegramWebhooksPerAddress) },
      schema: {
        response: replies({ 200: TelegramAck }, 'not_found', 'unauthenticated', 'rate_limited'),
        tags: ['channels'],
        summary: 'Telegram Bot API webhook (checked by X-Telegram-Bot-Api-Secret-Token)',
        params: key,
      },
      // Before parsing: a request without the right secret never reaches the JSON parser.
      onRequest: async (request) => {
        const channel = await channelOf(request, 'telegram');
        // Derived secrets follow the server secret's rotation: the previous
        // one's still count while Telegram's registration catches up.
        const given = headerOf(request, TELEGRAM_SECRET_HEADER);
        const accepted = config.secrets
          .accepted(services.now())
          .map((s) => webhookSecret(channel.settings, channel.id, s));
        if (!accepted.some((secret) => sameSecret(secret, given)))
          throw new AppError(
            'unauthenticated',
            'Wrong or missing X-Telegram-Bot-Api-Secret-Token.',
          );
      },
    },
    async (request, reply) => {
      const channel = channels.get(request)!;
      const update = parseTelegramUpdate(
        Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      );
      if (!update) {
        // Acknowledged: a refusal would have Telegram re-send it forever.
        request.log.warn({ channelId: channel.id }, 'malformed Telegram update ignored');
        return reply.status(200).send({ ok: true, ignored: 'malformed' });
      }
      // Stored, then answered: Telegram gets its 200 as soon as the update is safe.
      await perform(services, systemOf(channel), (ctx) =>
        enqueueInbound(ctx, { channelId: channel.id, items: [updateInboxItem(update)] }),
      );
      channelsRuntimeOf(services)?.inboundArrived();
      return reply.status(200).send({ ok: true });
    },
  );

  app.post(
    '/channels/api/:key/messages',
    {
      config: { rateLimit: perMinute(config.rateLimits.apiChannelRequestsPerAddress) },
      // Attachments come base64-encoded (4/3 of their size); together at most
      // one upload's worth, since the body is read before its signature is checked.
      bodyLimit: Math.ceil((config.maxUploadBytes * 4) / 3) + 64 * 1024,
      schema: {
        response: replies(
          { 200: ApiChannelAnswer, 201: ApiChannelAnswer },
          'not_found',
          'unauthenticated',
          'rate_limited',
          'contact_blocked',
        ),
        tags: ['channels'],
        summary: 'API channel: a signed inbound message (docs/channels.md)',
        params: key,
      },
      onRequest: async (request) => void (await channelOf(request, 'api')),
    },
    async (request, reply) => {
      const channel = channels.get(request)!;
      const settings = channelSettings('api', channel);
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const check = verifySignature(
        settings.hmacSecret,
        {
          timestamp: headerOf(request, TIMESTAMP_HEADER),
          signature: headerOf(request, SIGNATURE_HEADER),
        },
        raw,
        services.now(),
      );
      if (!check.ok)
        throw new AppError('unauthenticated', SIGNATURE_ERRORS[check.reason], SIGNATURE_HEADER);
      // Loop protection: our own outbound delivery, pointed back at us.
      const echoed = headerOf(request, DELIVERY_HEADER);
      if (echoed && (await isOwnDelivery(channel.account_id, echoed)))
        return reply.status(200).send({ ignored: 'loop', deliveryId: echoed });
      const parsed = apiInboundSchema.safeParse(parseJson(raw));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw invalid(issue.path.join('.') || 'body', issue.message);
      }
      const normalized = await apiAdapter.normalize(
        { channel, payload: parsed.data, raw: null },
        // The API channel's normalisation connects nowhere.
        {
          logger: request.log,
          timeoutMs: 0,
          outbound: config.outbound,
          telegramLocalFilesDir: null,
        },
      );
      if (normalized.kind !== 'message') throw invalid('body', 'Not a message.');
      const { result } = await perform(services, systemOf(channel), (ctx) =>
        ingestInbound(ctx, {
          channelId: channel.id,
          inboxId: null,
          message: normalized.message,
          dataDir: config.dataDir,
          maxFileBytes: config.maxUploadBytes,
        }),
      );
      return reply.status(result.duplicate ? 200 : 201).send(result);
    },
  );

  async function isOwnDelivery(accountId: string, deliveryId: string): Promise<boolean> {
    if (!z.string().uuid().safeParse(deliveryId).success) return false;
    const row = await services.db
      .selectFrom('deliveries')
      .select('id')
      .where('id', '=', deliveryId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row !== undefined;
  }
}

function systemOf(channel: ChannelRow) {
  return { accountId: channel.account_id, actor: { kind: 'system' as const } };
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function parseJson(body: unknown): Record<string, unknown> | null {
  if (!Buffer.isBuffer(body)) return null;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    throw invalid('body', 'The body is not JSON.');
  }
}
