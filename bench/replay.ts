// `npm run bench -- replay [--operators 50] [--days 7] [--limit 3] [--peak 880] [--seed 1]`
// The what-if replay (issue 18) on the simulation's own traffic: a week of a
// 50-operator account (limit 3, 10-minute chats, a daily curve peaking at
// --peak arrivals an hour, a fifth of clients impatient). Times one replay on
// this thread, then the same through the worker the server uses, while this
// thread's event loop is watched: its worst delay is what a server would feel.
// Prints one JSON line; target: a replay under 5 s.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { replayPeriod } from '../src/domain/simulation/replay.js';
import { syntheticHistory } from '../src/domain/simulation/replay-traffic.js';
import { createReplayRunner } from '../src/http/replay-runner.js';
import { positive } from './args.js';

const TARGET_MS = 5000;

export async function main(args: string[]) {
  const operators = positive(args, 'operators', 50);
  const days = positive(args, 'days', 7);
  const limit = positive(args, 'limit', 3);
  const peak = positive(args, 'peak', 880);
  const seed = positive(args, 'seed', 1);
  const input = syntheticHistory({
    seed,
    days,
    operators,
    limit,
    peakPerHour: peak,
    ahtMs: 600_000,
    replyMs: 20_000,
    impatientShare: 0.2,
    patienceMs: 300_000,
    slaSeconds: 60,
  });
  console.error(`replaying ${input.conversations.length} conversations, ${operators} operators`);
  let started = performance.now();
  const unchanged = replayPeriod(input);
  const replayMs = performance.now() - started;
  const fewer = replayPeriod(input, {
    operatorsPerHour: Array(24).fill(Math.round(operators * 0.9)),
  });

  const runner = createReplayRunner();
  await runner.run(syntheticHistory({ ...benchSmall, seed }), {}, {}); // the thread's start-up
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  started = performance.now();
  await runner.run(input, {}, {});
  const workerMs = performance.now() - started;
  loop.disable();
  await runner.close();

  const a = unchanged.actual.totals;
  const r = unchanged.replay.totals;
  const round = (x: number | null, d = 4) => (x === null ? null : Number(x.toFixed(d)));
  console.log(
    JSON.stringify({
      bench: 'replay',
      conversations: input.conversations.length,
      operators,
      days,
      limit,
      replayMs: Math.round(replayMs),
      // The worker runs the changed and the unchanged replay, as the API does.
      workerTwoReplaysMs: Math.round(workerMs),
      mainLoopMaxDelayMs: Math.round(loop.max / 1e6),
      plans: unchanged.plans,
      actual: {
        sl: round(a.serviceLevel),
        avgWaitS: round(a.avgWaitS, 1),
        p90WaitS: round(a.p90WaitS, 1),
        abandoned: a.abandoned,
      },
      replay: {
        sl: round(r.serviceLevel),
        avgWaitS: round(r.avgWaitS, 1),
        p90WaitS: round(r.p90WaitS, 1),
        abandoned: r.abandoned,
      },
      tenPercentFewer: {
        sl: round(fewer.replay.totals.serviceLevel),
        avgWaitS: round(fewer.replay.totals.avgWaitS, 1),
      },
      targetMs: TARGET_MS,
      ok: replayMs < TARGET_MS,
    }),
  );
}

const benchSmall = {
  days: 1,
  operators: 2,
  limit: 1,
  peakPerHour: 5,
  ahtMs: 60_000,
  replyMs: 5_000,
  impatientShare: 0,
  patienceMs: 1,
};
