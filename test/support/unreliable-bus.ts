// A node's bus as an unreliable network makes it: other nodes' messages arrive
// late and out of order (jitter), or never (drop). The bus underneath is real
// (in-process or Redis); only what this node hears is disturbed.
import type { Bus, BusMessage } from '../../src/events/bus.js';

export interface Disturbance {
  /** Other nodes' messages are held back up to this long, each by a random amount. */
  jitterMs?: number;
  /** Other nodes' messages for which this returns true never arrive. */
  drop?: (message: BusMessage) => boolean;
}

export function unreliable(bus: Bus, disturbance: Disturbance): Bus {
  const { jitterMs = 0, drop = () => false } = disturbance;
  return {
    ...bus,
    node: bus.node,
    subscribe(listener) {
      return bus.subscribe((message) => {
        if (message.node === bus.node) return listener(message);
        if (drop(message)) return;
        if (jitterMs === 0) return listener(message);
        setTimeout(() => listener(message), Math.random() * jitterMs);
      });
    },
  };
}
