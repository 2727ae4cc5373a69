// Runs what-if replays on one worker thread, started at the first request and
// kept: starting a thread with the TypeScript loader costs more than a small
// replay. Jobs queue on the one thread, so replays never take more than one
// of the machine's cores from the server.
import { Worker } from 'node:worker_threads';
import type {
  ReplayInput,
  ReplayResult,
  ReplaySettings,
} from '../domain/simulation/replay-types.js';

export interface ReplayPair {
  changed: ReplayResult;
  unchanged: ReplayResult;
}

export interface ReplayRunner {
  run(input: ReplayInput, settings: ReplaySettings, base: ReplaySettings): Promise<ReplayPair>;
  close(): Promise<void>;
}

type Reply = { id: number; result: ReplayPair } | { id: number; error: string };

function spawn(): Worker {
  // The entry registers the TypeScript loader in the thread, then loads replay-worker.ts.
  return new Worker(new URL('./replay-worker-entry.mjs', import.meta.url));
}

export function createReplayRunner(): ReplayRunner {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<
    number,
    { resolve: (r: ReplayPair) => void; reject: (e: Error) => void }
  >();

  function failAll(error: Error) {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    worker = null;
  }

  function ensure(): Worker {
    if (worker) return worker;
    const w = spawn();
    w.unref();
    w.on('message', (reply: Reply) => {
      const job = waiting.get(reply.id);
      if (!job) return;
      waiting.delete(reply.id);
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply.result);
    });
    w.on('error', (error) => failAll(error));
    w.on('exit', () => failAll(new Error('the replay worker stopped')));
    worker = w;
    return w;
  }

  return {
    run(input, settings, base) {
      next += 1;
      const id = next;
      return new Promise<ReplayPair>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        ensure().postMessage({ id, input, settings, base });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
