// The bot API (issue 17, docs/bot.md): an external bot, holding its channel's
// bot token, answers the conversations Switchboard posted to it — sends text
// and buttons, sets team, category and language, hands over with a note, or
// closes as resolved. Admins issue the token (and the signing secret) here too.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  botClose,
  botHandOver,
  botSendMessage,
  botUpdateConversation,
} from '../../actions/bot/bot-api.js';
import { BOT_TOKEN_PREFIX, issueBotCredentials } from '../../actions/bot/bot-credentials.js';
import { perform, type Scope } from '../../actions/context.js';
import { sameSecret } from '../../channels/signature.js';
import { BotCredentials } from '../../contract/channels.js';
import { AppError } from '../../errors.js';
import { hashToken } from '../../tokens.js';
import { operatorScope } from '../auth.js';
import { changeSet } from '../input-guards.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const buttons = z
  .array(
    z.object({
      id: z.string().trim().min(1).max(64),
      label: z.string().trim().min(1).max(64),
    }),
  )
  .max(10);

const conversationView = z.object({ id: z.string(), state: z.string() }).loose();
const sentMessage = z.object({
  message: z.object({ id: z.string(), seq: z.number(), text: z.string() }).loose(),
  duplicate: z.boolean(),
});
/** The presenters' views, with every field kept (the schemas above name the ones a bot needs). */
const open = <T extends object>(view: T) => view as T & Record<string, unknown>;
const id = z.object({ id: z.string().uuid() });

/** The bot's channel, from its token; the token's hash must match the channel's. */
async function botScope(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<Scope & { channelId: string }> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const channelId = token.startsWith(BOT_TOKEN_PREFIX) ? token.split('.')[1] : undefined;
  if (!channelId || !UUID.test(channelId)) throw new AppError('unauthenticated');
  const channel = await app.deps.services.db
    .selectFrom('channels')
    .select(['id', 'account_id', 'settings'])
    .where('id', '=', channelId)
    .executeTakeFirst();
  const stored = channel?.settings.botTokenHash;
  if (!channel || typeof stored !== 'string' || !sameSecret(stored, hashToken(token)))
    throw new AppError('unauthenticated');
  return { accountId: channel.account_id, actor: { kind: 'system' }, channelId: channel.id };
}

export async function registerBotApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { services } = app.deps;

  app.post(
    '/channels/:id/bot-credentials',
    {
      schema: {
        tags: ['bot'],
        summary:
          "New signing secret and bot token for the channel's external bot, in this answer only; the old ones stop working (admins)",
        params: id,
        response: { 200: BotCredentials },
      },
    },
    async (request) => {
      const scope = operatorScope(request);
      const { result } = await perform(services, scope, (ctx) =>
        issueBotCredentials(ctx, { channelId: request.params.id }),
      );
      return result;
    },
  );

  app.post(
    '/bot/conversations/:id/messages',
    {
      schema: {
        tags: ['bot'],
        summary:
          'The bot says something, optionally with buttons; clientKey makes a retry return the first message',
        params: id,
        body: z
          .object({
            text: z.string().min(1).max(10_000),
            buttons: buttons.optional(),
            clientKey: z.string().min(1).max(100).optional(),
          })
          .strict(),
        response: { 200: sentMessage, 201: sentMessage },
      },
    },
    async (request, reply) => {
      const scope = await botScope(app, request);
      const { result } = await perform(services, scope, (ctx) =>
        botSendMessage(ctx, {
          channelId: scope.channelId,
          conversationId: request.params.id,
          ...request.body,
        }),
      );
      return reply
        .status(result.duplicate ? 200 : 201)
        .send({ message: open(result.message), duplicate: result.duplicate });
    },
  );

  app.patch(
    '/bot/conversations/:id',
    {
      schema: {
        tags: ['bot'],
        summary: "Set the conversation's team, category or language",
        params: id,
        body: changeSet({
          teamId: z.string().uuid().nullable().optional(),
          categoryId: z.string().uuid().nullable().optional(),
          language: z.string().min(2).max(10).optional(),
        }),
        response: { 200: z.object({ conversation: conversationView }) },
      },
    },
    async (request) => {
      const scope = await botScope(app, request);
      const { result } = await perform(services, scope, (ctx) =>
        botUpdateConversation(ctx, {
          channelId: scope.channelId,
          conversationId: request.params.id,
          ...request.body,
        }),
      );
      return { conversation: open(result) };
    },
  );

  app.post(
    '/bot/conversations/:id/hand-over',
    {
      schema: {
        tags: ['bot'],
        summary: 'Give the conversation to the queue, with a note for the operator',
        params: id,
        body: z
          .object({
            note: z.string().max(2000).nullable().optional(),
            teamId: z.string().uuid().nullable().optional(),
            categoryId: z.string().uuid().nullable().optional(),
          })
          .strict(),
        response: { 200: z.object({ conversation: conversationView }) },
      },
    },
    async (request) => {
      const scope = await botScope(app, request);
      const { result } = await perform(services, scope, (ctx) =>
        botHandOver(ctx, {
          channelId: scope.channelId,
          conversationId: request.params.id,
          ...request.body,
        }),
      );
      return { conversation: open(result) };
    },
  );

  app.post(
    '/bot/conversations/:id/close',
    {
      schema: {
        tags: ['bot'],
        summary: 'Close the conversation as resolved by the bot',
        params: id,
        response: { 200: z.object({ conversation: conversationView }) },
      },
    },
    async (request) => {
      const scope = await botScope(app, request);
      const { result } = await perform(services, scope, (ctx) =>
        botClose(ctx, { channelId: scope.channelId, conversationId: request.params.id }),
      );
      return { conversation: open(result) };
    },
  );
}
