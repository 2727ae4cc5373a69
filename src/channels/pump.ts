// A coalescing work loop for the channel workers. `kick()` asks for a run; a
// kick during a run makes the loop go once more instead of starting a second
// one, so a burst of triggers costs one pass. A slow interval is the safety
// net for work no local trigger announced (another node's commits, a retry
// whose time came, a node that died mid-delivery).
import type { Logger } from 'pino';

export interface Pump {
  kick(): void;
  /** Runs at `at` (for a retry scheduled in the future). */
  kickAt(at: Date): void;
  /** Runs until a pass finds nothing to do; resolves then. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** `step` does one batch and says whether more may be waiting. */
export function createPump(
  name: string,
  step: () => Promise<boolean>,
  options: { intervalMs: number; logger: Logger; now: () => Date },
): Pump {
  let running: Promise<void> | null = null;
  let dirty = false;
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();

  async function loop(): Promise<void> {
    do {
      dirty = false;
      try {
        while (!stopped && (await step())) dirty = false;
      } catch (err) {
        options.logger.error({ err, worker: name }, 'channel worker pass failed; will retry');
        return;
      }
    } while (dirty && !stopped);
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      dirty = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  }

  const interval = setInterval(() => void kick(), options.intervalMs);
  interval.unref();

  return {
    kick: () => void kick(),
    kickAt(at) {
      if (stopped) return;
      const delay = Math.max(0, at.getTime() - options.now().getTime());
      const timer = setTimeout(() => {
        timers.delete(timer);
        void kick();
      }, delay + 5);
      timer.unref();
      timers.add(timer);
    },
    async drain() {
      do {
        await kick();
        await running;
      } while (dirty && !stopped);
    },
    async stop() {
      stopped = true;
      clearInterval(interval);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await running;
    },
  };
}
