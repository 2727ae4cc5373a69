// The bus wakes nodes up when events commit (and carries ephemeral typing
// signals). In-process by default; Redis pub/sub when REDIS_URL is set, one
// channel per account, so a node hears only the accounts it follows (those
// with sockets on it) besides its own commits. The bus is a hint, never the
// source of truth: a lost message delays delivery but loses nothing, because
// the gateway fills gaps from the events table (src/realtime/feeds.ts).
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StoredEvent, TypingSignal } from './catalog.js';
import type { SignOutSignal } from './sign-out.js';

export type BusMessage =
  /** One commit's events, all of one account, in seq order. */
  | { kind: 'events'; node: string; events: StoredEvent[] }
  | { kind: 'typing'; node: string; signal: TypingSignal }
  | { kind: 'sign-out'; node: string; signal: SignOutSignal }
  /** The account has committed up to `seq`: sent again after a publish failed. */
  | { kind: 'head'; node: string; accountId: string; seq: number };

export interface BusStats {
  /** Messages this node published. */
  published: number;
  /** Messages from other nodes this node received. */
  received: number;
  /** Publishes that failed (the bus was away). */
  failed: number;
}

export interface Bus {
  /** This node's id: lets a listener tell its own node's events from others'. */
  readonly node: string;
  publish(message: BusMessage): Promise<void>;
  /** This node's own messages, and other nodes' about the accounts it follows. */
  subscribe(listener: (message: BusMessage) => void): () => void;
  /** Hear other nodes' messages about this account; resolves once they will arrive. */
  follow(accountId: string): Promise<void>;
  /** Stop hearing other nodes about this account (its last socket here closed). */
  unfollow(accountId: string): void;
  /** Told when the bus is back after being away: whatever was published meanwhile was missed. */
  onReconnect(listener: () => void): () => void;
  stats(): BusStats;
  close(): Promise<void>;
  /** False while the bus cannot carry events between nodes (Redis away). */
  ready(): boolean;
}

export function accountOf(message: BusMessage): string {
  if (message.kind === 'events') return message.events[0]!.accountId;
  if (message.kind === 'typing' || message.kind === 'sign-out') return message.signal.accountId;
  return message.accountId;
}

/** One process: every listener hears every message; nothing to follow, nothing to miss. */
export function createMemoryBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const stats: BusStats = { published: 0, received: 0, failed: 0 };
  return {
    node: randomUUID(),
    async publish(message) {
      stats.published += 1;
      emitter.emit('message', message);
    },
    subscribe(listener) {
      emitter.on('message', listener);
      return () => emitter.off('message', listener);
    },
    follow: async () => {},
    unfollow: () => {},
    onReconnect: () => () => {},
    stats: () => ({ ...stats }),
    async close() {
      emitter.removeAllListeners();
    },
    ready: () => true,
  };
}

export async function createRedisBus(
  url: string,
  prefix = 'switchboard:events',
  logger?: Pick<Logger, 'warn' | 'info'>,
): Promise<Bus> {
  // Both clients reconnect by themselves (with back-off, at most 2 s apart) and
  // the subscriber re-subscribes; while Redis is away, publishes fail fast
  // instead of holding up the action that committed (the events stay in the
  // table, and followers learn of them from a 'head' message later).
  const options = {
    lazyConnect: true,
    connectTimeout: 5_000,
    keepAlive: 5_000,
    retryStrategy: (times: number) => Math.min(times * 200, 2_000),
  };
  const pub = new Redis(url, { ...options, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  const sub = new Redis(url, options);
  for (const [name, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    let lost = false;
    client.on('error', (err: Error) => {
      if (!lost) logger?.warn({ err: { message: err.message }, client: name }, 'redis error');
      lost = true;
    });
    client.on('ready', () => {
      if (lost) logger?.info({ client: name }, 'redis connection restored');
      lost = false;
    });
  }
  await Promise.all([pub.connect(), sub.connect()]);
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const reconnects = new EventEmitter();
  reconnects.setMaxListeners(0);
  const node = randomUUID();
  const stats: BusStats = { published: 0, received: 0, failed: 0 };
  const channelOf = (accountId: string) => `${prefix}:${accountId}`;
  /** Accounts whose last publish failed, with the seq to announce when Redis is back. */
  const unpublished = new Map<string, number>();

  sub.on('message', (_channel: string, raw: string) => {
    const message = JSON.parse(raw) as BusMessage;
    // This node's own messages were delivered when published.
    if (message.node === node) return;
    stats.received += 1;
    local.emit('message', message);
  });
  // ioredis resubscribes on every reconnect; a PING answered after it proves the
  // subscriptions are back, so a check of the table from then on misses nothing.
  let connected = true;
  sub.on('close', () => {
    connected = false;
  });
  sub.on('ready', () => {
    if (connected) return;
    connected = true;
    void sub
      .ping()
      .then(() => reconnects.emit('reconnect'))
      .catch(() => {});
  });
  pub.on('ready', () => {
    // Tell the followers of what could not be published while Redis was away.
    const heads = [...unpublished];
    unpublished.clear();
    for (const [accountId, seq] of heads)
      void pub
        .publish(channelOf(accountId), JSON.stringify({ kind: 'head', node, accountId, seq }))
        .catch(() => unpublished.set(accountId, Math.max(seq, unpublished.get(accountId) ?? 0)));
  });

  return {
    node,
    async publish(message) {
      // Local listeners (this node's sockets and processors) hear at once, not
      // after a round trip through Redis, and even while Redis is away.
      stats.published += 1;
      local.emit('message', message);
      const accountId = accountOf(message);
      try {
        await pub.publish(channelOf(accountId), JSON.stringify(message));
      } catch (error) {
        stats.failed += 1;
        if (message.kind === 'events') {
          const seq = message.events[message.events.length - 1]!.seq;
          unpublished.set(accountId, Math.max(seq, unpublished.get(accountId) ?? 0));
        }
        throw error;
      }
    },
    subscribe(listener) {
      local.on('message', listener);
      return () => local.off('message', listener);
    },
    // One connection, so SUBSCRIBE and UNSUBSCRIBE of a channel apply in call order.
    async follow(accountId) {
      await sub.subscribe(channelOf(accountId));
    },
    unfollow(accountId) {
      void sub.unsubscribe(channelOf(accountId)).catch(() => {});
    },
    onReconnect(listener) {
      reconnects.on('reconnect', listener);
      return () => reconnects.off('reconnect', listener);
    },
    stats: () => ({ ...stats }),
    async close() {
      local.removeAllListeners();
      reconnects.removeAllListeners();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
    ready: () => pub.status === 'ready' && sub.status === 'ready',
  };
}

/**
 * Events committed on this node only. Processors that must act once per commit
 * (routing, outbound delivery) listen here; sockets listen to every node.
 */
export function onLocalEvents(bus: Bus, handler: (events: StoredEvent[]) => void): () => void {
  return bus.subscribe((message) => {
    if (message.kind === 'events' && message.node === bus.node) handler(message.events);
  });
}
