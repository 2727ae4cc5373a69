// The Bus of src/events/bus.ts over NATS, for bench/bus-fanout.ts only: the
// same messages as JSON, one subject per account (`<prefix>.<account>`), a
// node subscribing to the accounts it follows. Enough to compare transports
// for fan-out; reconnection and `head` announcements are left out.
import { connect, type Subscription } from '@nats-io/transport-node';
import { accountOf, type Bus, type BusMessage, type BusStats } from '../src/events/bus.js';

export async function createNatsBus(servers: string, prefix: string): Promise<Bus> {
  const nc = await connect({ servers });
  const node = crypto.randomUUID();
  const listeners = new Set<(message: BusMessage) => void>();
  const follows = new Map<string, Subscription>();
  const stats: BusStats = { published: 0, received: 0, failed: 0 };
  const hear = (message: BusMessage) => {
    for (const listener of listeners) listener(message);
  };
  return {
    node,
    async publish(message) {
      stats.published += 1;
      hear(message);
      nc.publish(`${prefix}.${accountOf(message)}`, JSON.stringify(message));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async follow(accountId) {
      if (follows.has(accountId)) return;
      const sub = nc.subscribe(`${prefix}.${accountId}`, {
        callback: (err, msg) => {
          if (err) return;
          const message = msg.json<BusMessage>();
          if (message.node === node) return;
          stats.received += 1;
          hear(message);
        },
      });
      follows.set(accountId, sub);
      // The server has the subscription once it answered a ping sent after it.
      await nc.flush();
    },
    unfollow(accountId) {
      follows.get(accountId)?.unsubscribe();
      follows.delete(accountId);
    },
    onReconnect: () => () => {},
    stats: () => ({ ...stats }),
    async close() {
      await nc.close();
    },
    ready: () => !nc.isClosed(),
  };
}
