// The websocket gateway: one per node. Live events come from the account's
// feed (feeds.ts: the bus, put in seq order, gaps read from the table), so a
// commit on any node reaches sockets on every node; missed events come from
// the events table on resume. A connection that resumes buffers live events
// until its catch-up query is done, then skips what it already sent, so every
// event is delivered exactly once and in seq order.
import type { Duplex } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Services } from '../actions/context.js';
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from '../domain/text.js';
import { AppError } from '../errors.js';
import type { BusMessage } from '../events/bus.js';
import type { StoredEvent } from '../events/catalog.js';
import { type SignOutSignal, signsOut } from '../events/sign-out.js';
import type { Principal } from '../http/auth.js';
import { metrics } from '../metrics.js';
import { operatorTeamIdsOf } from '../store/queries/account.js';
import { eventsAfter, latestEvent, ownConversationIds } from '../store/queries/events.js';
import { classifyDatabaseError } from '../store/resilience.js';
import { createAudience } from './audience.js';
import { createFeeds, DEFAULT_FEED_OPTIONS, type FeedOptions, type Following } from './feeds.js';
import {
  type ClientMessage,
  clientMessage,
  MAX_RESUME_EVENTS,
  type ServerMessage,
} from './protocol.js';
import { forVisitor, operatorSees, ownedConversation } from './visibility.js';

export interface Connection {
  principal: Principal;
  socket: WebSocket;
  /** Highest event seq sent; events at or below it are never sent again. */
  lastSent: number;
  /** The account's feed on this node, held while the socket is open. */
  following: Following;
  ready: boolean;
  buffer: StoredEvent[];
  ownConversations: Set<string>;
  lastTypingAt: number;
  /** The operator's teams, for what a role-`operator` connection may see. */
  teamIds: Set<string>;
  /** Whether this visitor's drafts may be shown to operators (channel setting). */
  draftPreview: boolean;
}

export type ClientHandler = (
  conn: Connection,
  message: Exclude<ClientMessage, { type: 'hello' | 'ping' }>,
) => Promise<void>;

export interface Realtime {
  send(conn: Connection, message: ServerMessage): void;
  attach(socket: WebSocket, principal: Principal, onMessage: ClientHandler): Connection;
  connections(): number;
  /** Counters for monitoring: followed accounts, gap fills, events delivered. */
  stats(): ReturnType<ReturnType<typeof createFeeds>['stats']>;
  close(): void;
}

/** The TCP stream under a `ws` socket (not in its typings). */
const streamOf = (conn: Connection) =>
  (conn.socket as unknown as { _socket?: Duplex | null })._socket ?? null;

/** Past this many unsent bytes a slow client is dropped; it resumes from the table. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Told when an operator's websocket opens and closes (src/processors/presence.ts). */
export interface PresenceHooks {
  connected(accountId: string, operatorId: string): void;
  disconnected(accountId: string, operatorId: string): void;
}

export function createRealtime(
  services: Services,
  presence?: PresenceHooks,
  options: { logger?: Logger; feeds?: FeedOptions } = {},
): Realtime {
  const audience = createAudience<Connection>();
  const everyone = new Set<Connection>();
  const logger = options.logger ?? pino({ level: 'silent' });

  // Each account's events arrive here once each, in seq order, whichever node committed them.
  const feeds = createFeeds(
    services,
    logger,
    (e) => {
      for (const conn of audience.recipients(e)) {
        if (conn.ready) sendEvents(conn, [e]);
        else conn.buffer.push(e);
      }
    },
    options.feeds ?? DEFAULT_FEED_OPTIONS,
  );

  const unsubscribe = services.bus.subscribe((message: BusMessage) => {
    if (message.kind === 'typing')
      for (const conn of audience.all(message.signal.accountId))
        deliverTyping(conn, message.signal);
    else if (message.kind === 'sign-out') closeSignedOut(message.signal);
  });

  /** Closes the sockets whose session or operator no longer has access (src/events/sign-out.ts). */
  function closeSignedOut(signal: SignOutSignal) {
    for (const conn of [...audience.all(signal.accountId)]) {
      const p = conn.principal;
      if (p.kind === 'operator' && signsOut(signal, p)) conn.socket.close(4401, 'signed out');
    }
  }

  // Staff see most events whole, so one event goes out as the same frame to
  // many sockets: serialise and encode it once, not once per operator.
  const wholeFrames = new WeakMap<StoredEvent, Buffer>();
  function frameOf(e: StoredEvent): Buffer {
    let frame = wholeFrames.get(e);
    if (frame === undefined) {
      frame = Buffer.from(JSON.stringify({ type: 'event', event: e } satisfies ServerMessage));
      wholeFrames.set(e, frame);
    }
    return frame;
  }

  function sendEvents(conn: Connection, events: StoredEvent[]) {
    for (const e of events) {
      if (e.seq <= conn.lastSent) continue;
      const out = project(conn, e);
      conn.lastSent = e.seq;
      if (out) metrics.eventsDelivered.inc();
      if (out === e) sendFrame(conn, frameOf(e));
      else if (out) send(conn, { type: 'event', event: out });
    }
  }

  function project(conn: Connection, e: StoredEvent) {
    const p = conn.principal;
    if (p.kind === 'operator') {
      if (p.role !== 'operator') return e;
      if (e.type === 'operator.updated' && e.payload.operator.id === p.operatorId)
        conn.teamIds = new Set(e.payload.operator.teamIds);
      return operatorSees(e, p.operatorId, conn.teamIds) ? e : null;
    }
    const opened = ownedConversation(e, p);
    if (opened) {
      conn.ownConversations.add(opened);
      audience.own(conn, opened);
    }
    return forVisitor(e, conn.ownConversations);
  }

  function deliverTyping(conn: Connection, s: Extract<BusMessage, { kind: 'typing' }>['signal']) {
    const p = conn.principal;
    if (p.kind === 'operator') {
      if (s.author === 'operator' && s.authorId === p.operatorId) return;
      if (p.role === 'operator' && s.ownerId !== p.operatorId) return;
      send(conn, {
        type: 'typing',
        conversationId: s.conversationId,
        author: s.author,
        draft: s.draft,
      });
    } else if (s.author === 'operator' && conn.ownConversations.has(s.conversationId)) {
      // The contact sees that the operator types, never a draft.
      send(conn, {
        type: 'typing',
        conversationId: s.conversationId,
        author: 'operator',
        draft: null,
      });
    }
  }

  function send(conn: Connection, message: ServerMessage) {
    sendFrame(conn, JSON.stringify(message));
  }

  /** A text frame: a string, or its UTF-8 bytes when they are shared by many sockets. */
  function sendFrame(conn: Connection, frame: string | Buffer) {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    if (conn.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      conn.socket.close(1013, 'too slow; resume from your last event id');
      return;
    }
    cork(conn);
    conn.socket.send(frame, { binary: false });
  }

  // What one turn of the event loop sends a socket (a visitor's ack and their
  // message's event, a batch's events) leaves in one write: a system call per
  // frame was the largest single cost of the message path.
  const corked = new Set<Connection>();
  function cork(conn: Connection) {
    if (corked.has(conn)) return;
    const stream = streamOf(conn);
    if (!stream) return;
    stream.cork();
    corked.add(conn);
    if (corked.size === 1) setImmediate(uncorkAll);
  }
  function uncorkAll() {
    for (const conn of corked) streamOf(conn)?.uncork();
    corked.clear();
  }

  // The feed is followed when the socket opens, so every event after its head
  // reaches the buffer; the bound is read after the feed is ready, so the
  // replay up to it and the buffer overlap (duplicates are skipped by seq).
  // The bound is read before what the connection owns: every event up to it
  // is visible, so what the connection owns is read after it, and anything
  // newer reaches the buffer, which decides ownership itself. Reading the
  // bound last would let a conversation created in between fall through both.
  async function hello(conn: Connection, resume: { seq: number } | { id: number } | undefined) {
    const p = conn.principal;
    try {
      await conn.following.ready;
    } catch (error) {
      logger.warn({ err: error }, 'following an account failed');
      conn.socket.close(1011, 'try again');
      return;
    }
    const bound = await latestEvent(services.db, p.accountId);
    if (p.kind === 'visitor')
      conn.ownConversations = await ownConversationIds(services.db, p.accountId, p);
    else conn.teamIds = new Set(await operatorTeamIdsOf(services.db, p.operatorId));
    const visitor = p.kind === 'visitor' ? { conversationIds: [...conn.ownConversations] } : null;
    let resumed = 0;
    const at = resume && ('seq' in resume ? resume.seq : resume.id);
    const boundAt = resume && ('seq' in resume ? bound.seq : bound.id);
    if (resume && at !== boundAt) {
      // A point past the bound is not of this account (a restored database,
      // another install): nothing to replay, fetch state again.
      const missed =
        at! < boundAt!
          ? await eventsAfter(services.db, p.accountId, {
              after: resume,
              upToSeq: bound.seq,
              limit: MAX_RESUME_EVENTS + 1,
              visitor,
            })
          : null;
      if (missed && missed.length <= MAX_RESUME_EVENTS) {
        conn.lastSent = 0;
        sendEvents(conn, missed);
        resumed = missed.length;
      } else {
        send(conn, {
          type: 'resync',
          reason: missed
            ? 'too many missed events; fetch state again'
            : 'unknown event id; fetch state again',
          lastEventId: bound.id,
          lastSeq: bound.seq,
        });
      }
    }
    conn.lastSent = bound.seq;
    send(conn, { type: 'ready', lastEventId: bound.id, lastSeq: bound.seq, resumed });
    sendEvents(
      conn,
      conn.buffer.sort((a, b) => a.seq - b.seq),
    );
    conn.buffer = [];
    conn.ready = true;
    audience.ready(conn, conn.ownConversations);
  }

  return {
    send,
    attach(socket, principal, onMessage) {
      const conn: Connection = {
        principal,
        socket,
        lastSent: 0,
        following: feeds.follow(principal.accountId),
        ready: false,
        buffer: [],
        ownConversations: new Set(),
        lastTypingAt: 0,
        draftPreview: false,
        teamIds: new Set(),
      };
      audience.add(conn);
      everyone.add(conn);
      metrics.socketsOpen.inc({ kind: principal.kind });
      if (principal.kind === 'operator')
        presence?.connected(principal.accountId, principal.operatorId);
      socket.on('close', () => {
        conn.following.release();
        audience.remove(conn);
        everyone.delete(conn);
        metrics.socketsOpen.dec({ kind: principal.kind });
        if (principal.kind === 'operator')
          presence?.disconnected(principal.accountId, principal.operatorId);
      });
      socket.on('message', (raw) => {
        // A frame that failed (the database away during a hello) is answered,
        // never left as an unhandled rejection that would end the process.
        handle(conn, raw.toString(), onMessage).catch((err) => {
          const unavailable = classifyDatabaseError(err) === 'unavailable';
          const e = new AppError(unavailable ? 'database_unavailable' : 'internal');
          send(conn, {
            type: 'error',
            error: { code: e.code, message: e.message, field: null },
          });
        });
      });
      return conn;
    },
    connections: () => everyone.size,
    stats: () => feeds.stats(),
    close() {
      unsubscribe();
      feeds.close();
      for (const c of everyone) c.socket.close(1001, 'server shutting down');
    },
  };

  async function handle(conn: Connection, raw: string, onMessage: ClientHandler) {
    let parsed: ClientMessage;
    try {
      parsed = clientMessage.parse(JSON.parse(raw));
    } catch {
      send(conn, {
        type: 'error',
        error: { code: 'validation_failed', message: 'Unreadable message.', field: null },
      });
      return;
    }
    // The same refusal as the HTTP API's (src/http/input-guards.ts): the database stores neither.
    const unsafe = findUnsafeText(parsed);
    if (unsafe) {
      send(conn, {
        type: 'error',
        ...('clientKey' in parsed ? { clientKey: parsed.clientKey } : {}),
        error: {
          code: 'validation_failed',
          message: UNSAFE_TEXT_MESSAGE[unsafe.problem],
          field: unsafe.path,
        },
      });
      return;
    }
    if (parsed.type === 'ping') return send(conn, { type: 'pong' });
    if (parsed.type === 'hello')
      return hello(
        conn,
        parsed.lastSeq !== undefined
          ? { seq: parsed.lastSeq }
          : parsed.lastEventId !== undefined
            ? { id: parsed.lastEventId }
            : undefined,
      );
    await onMessage(conn, parsed);
  }
}
