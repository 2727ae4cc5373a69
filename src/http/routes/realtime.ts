// Websocket endpoints. Authentication happens on the upgrade request (cookie,
// API token or visitor token); the protocol is in docs/realtime.md.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Scope } from '../../actions/context.js';
import { AppError, notFound } from '../../errors.js';
import type { ClientHandler, Connection } from '../../realtime/gateway.js';
import { channelSettings } from '../../store/queries/channels.js';
import { conversationOperatorId } from '../../store/queries/conversations.js';
import { classifyDatabaseError } from '../../store/resilience.js';
import { enforceOrigin } from './widget.js';

/** Typing signals are ephemeral and throttled: at most one per connection per interval. */
const TYPING_INTERVAL_MS = 250;

export async function registerRealtimeRoutes(app: FastifyInstance) {
  const { services, realtime, config, messages } = app.deps;

  /** The address each visitor socket was opened from, for the per-address message budget. */
  const addresses = new WeakMap<Connection, string>();

  const onMessage: ClientHandler = async (conn, message) => {
    const p = conn.principal;
    const scope: Scope =
      p.kind === 'operator'
        ? { accountId: p.accountId, actor: { kind: 'operator', id: p.operatorId, role: p.role } }
        : {
            accountId: p.accountId,
            actor: { kind: 'contact', id: p.contactId, channelId: p.channelId },
          };
    if (message.type === 'typing')
      return typing(conn, message.conversationId, message.draft ?? null);
    try {
      const { clientKey, conversationId, ...rest } = message;
      if (p.kind === 'visitor') {
        // One budget with POST /visitor/messages: an error frame, the socket stays.
        if (!app.visitorLimits.message(p.visitorId, addresses.get(conn) ?? '', Date.now()))
          throw new AppError('rate_limited');
        const result = await messages.receive(scope, {
          channelId: p.channelId,
          contactId: p.contactId,
          clientKey,
          ...rest,
        });
        conn.ownConversations.add(result.conversationId);
        realtime.send(conn, {
          type: 'ack',
          clientKey,
          conversationId: result.conversationId,
          message: result.message,
          duplicate: result.duplicate,
        });
      } else {
        if (!conversationId)
          throw new AppError('validation_failed', 'conversationId is required.', 'conversationId');
        const result = await messages.send(scope, { conversationId, clientKey, ...rest });
        realtime.send(conn, {
          type: 'ack',
          clientKey,
          conversationId,
          message: result.message,
          duplicate: result.duplicate,
        });
      }
    } catch (error) {
      const e =
        error instanceof AppError
          ? error
          : classifyDatabaseError(error) === 'unavailable'
            ? new AppError('database_unavailable')
            : new AppError('internal');
      if (e.code === 'internal') app.log.error(error);
      realtime.send(conn, {
        type: 'error',
        clientKey: message.clientKey,
        error: { code: e.code, message: e.message, field: e.field ?? null },
      });
    }
  };

  async function typing(conn: Connection, conversationId: string, draft: string | null) {
    const now = Date.now();
    if (now - conn.lastTypingAt < TYPING_INTERVAL_MS) return;
    conn.lastTypingAt = now;
    const p = conn.principal;
    if (p.kind === 'visitor' && !conn.ownConversations.has(conversationId)) return;
    // Who may hear it: the conversation's operator (and the supervisors), not
    // every operator of the account — a client's draft is part of their dialog.
    const ownerId = await conversationOperatorId(services.db, p.accountId, conversationId);
    if (ownerId === undefined) return;
    await services.bus
      .publish({
        kind: 'typing',
        node: services.bus.node,
        signal: {
          type: 'typing',
          accountId: p.accountId,
          conversationId,
          author: p.kind === 'visitor' ? 'contact' : 'operator',
          authorId: p.kind === 'visitor' ? p.contactId : p.operatorId,
          ownerId,
          draft: p.kind === 'visitor' && conn.draftPreview ? draft : null,
        },
      })
      .catch(() => {});
  }

  const allowedOrigin = new URL(config.publicUrl).origin;

  app.get('/ws', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const p = request.principal;
    if (p?.kind !== 'operator') return socket.close(4401, 'unauthenticated');
    // Cookie sessions over websockets: refuse other sites' pages (cross-site websocket hijacking).
    const origin = request.headers.origin;
    if (
      p.via === 'session' &&
      origin &&
      !sameSiteOrigin(origin, allowedOrigin, request.headers.host)
    )
      return socket.close(4403, 'origin not allowed');
    realtime.attach(socket, p, onMessage);
  });

  /** Settings of the visitor's channel, read before the upgrade (see preHandler below). */
  const visitorChannels = new WeakMap<FastifyRequest, Record<string, unknown>>();

  /**
   * The visitor HTTP routes' origin rule, before the upgrade: a page on a site
   * the channel does not allow gets 403 origin_not_allowed and no socket, so a
   * leaked token cannot be used from elsewhere in a browser.
   */
  async function visitorChannel(request: FastifyRequest, reply: FastifyReply) {
    const p = request.principal;
    if (p?.kind !== 'visitor') return;
    const settings = await channelSettings(services.db, p.accountId, p.channelId);
    if (!settings) throw notFound('Channel');
    enforceOrigin(request, reply, settings);
    visitorChannels.set(request, settings);
  }

  app.get(
    '/visitor/ws',
    { websocket: true, schema: { hide: true }, preHandler: visitorChannel },
    (socket, request) => {
      const p = request.principal;
      if (p?.kind !== 'visitor') return socket.close(4401, 'unauthenticated');
      const conn = realtime.attach(socket, p, onMessage);
      addresses.set(conn, request.ip);
      // The live preview of the client's draft can be turned off per channel.
      conn.draftPreview = visitorChannels.get(request)?.typingPreview !== false;
    },
  );
}

/**
 * The app's own origin, or one on the host the request came to. `Origin: null`
 * (a sandboxed frame, a file: page) and anything unparsable are other sites.
 */
function sameSiteOrigin(origin: string, allowed: string, host: string | undefined): boolean {
  if (origin === allowed) return true;
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}
