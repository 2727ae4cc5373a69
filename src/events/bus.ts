// The bus carries committed events (and ephemeral typing signals) to every node.
// In-process by default; Redis pub/sub when REDIS_URL is set. Losing the bus
// delays delivery but loses nothing: clients resume from the events table.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StoredEvent, TypingSignal } from './catalog.js';
import type { SignOutSignal } from './sign-out.js';

export type BusMessage =
  | { kind: 'events'; node: string; events: StoredEvent[] }
  | { kind: 'typing'; node: string; signal: TypingSignal }
  | { kind: 'sign-out'; node: string; signal: SignOutSignal };

export interface Bus {
  /** This node's id: lets a listener tell its own node's events from others'. */
  readonly node: string;
  publish(message: BusMessage): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
  /** False while the bus cannot carry events between nodes (Redis away). */
  ready(): boolean;
}

export function createMemoryBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    node: randomUUID(),
    async publish(message) {
      emitter.emit('message', message);
    },
    subscribe(listener) {
      emitter.on('message', listener);
      return () => emitter.off('message', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
    ready: () => true,
  };
}

export async function createRedisBus(
  url: string,
  channel = 'switchboard:events',
  logger?: Pick<Logger, 'warn' | 'info'>,
): Promise<Bus> {
  // Both clients reconnect by themselves (with back-off, at most 2 s apart) and
  // the subscriber re-subscribes; while Redis is away, publishes fail fast
  // instead of queueing, and committed events stay in the events table.
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
  await sub.subscribe(channel);
  const node = randomUUID();
  sub.on('message', (_ch: string, raw: string) => {
    const message = JSON.parse(raw) as BusMessage;
    // This node's own messages were delivered when published.
    if (message.node !== node) local.emit('message', message);
  });
  return {
    node,
    async publish(message) {
      // Local listeners (this node's sockets and processors) hear at once, not
      // after a round trip through Redis, and even while Redis is away.
      local.emit('message', message);
      await pub.publish(channel, JSON.stringify(message));
    },
    subscribe(listener) {
      local.on('message', listener);
      return () => local.off('message', listener);
    },
    async close() {
      local.removeAllListeners();
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
