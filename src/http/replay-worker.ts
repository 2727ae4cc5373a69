// The what-if replay's worker thread (issue 18): a week of a large account is
// seconds of CPU, which must not stall the event loop that serves sockets.
import { parentPort } from 'node:worker_threads';
import { replayPeriod } from '../domain/simulation/replay.js';
import type { ReplayInput, ReplaySettings } from '../domain/simulation/replay-types.js';

parentPort!.on(
  'message',
  (job: { id: number; input: ReplayInput; settings: ReplaySettings; base: ReplaySettings }) => {
    try {
      const changed = replayPeriod(job.input, job.settings);
      // The unchanged replay beside it: how far the replay itself is from what happened.
      const unchanged = replayPeriod(job.input, job.base);
      parentPort!.postMessage({ id: job.id, result: { changed, unchanged } });
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: String(error) });
    }
  },
);
