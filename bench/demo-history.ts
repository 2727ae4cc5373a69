// `npm run bench -- demo-history [--days 7] [--volume 0.5] [--seed 1] [--database-url URL]`
// The demo's lived history (issue 18) into a fresh database: how long the
// first start's history takes (defaults: what `npm start` plays), and how
// closely the replay of unchanged settings gives back each week of it.
// Prints one JSON line.

import { seedDemo } from '../src/cli/seed-demo.js';
import { seedHistory } from '../src/cli/seed-history.js';
import { replayPeriod } from '../src/domain/simulation/replay.js';
import { createMemoryBus } from '../src/events/bus.js';
import { openStore } from '../src/store/database.js';
import { replayHistory } from '../src/store/queries/replay.js';
import { freshDatabase, option, positive } from './args.js';

const WEEK = 7 * 86_400_000;

export async function main(args: string[]) {
  const days = positive(args, 'days', 7);
  const seed = positive(args, 'seed', 1);
  const volume = Number(option(args, 'volume') ?? 0.5);
  const databaseUrl =
    option(args, 'database-url') ?? (await freshDatabase('switchboard_bench_demo_history'));
  const store = await openStore({ databaseUrl, dataDir: '/tmp/unused' });
  try {
    const services = {
      db: store.db,
      bus: createMemoryBus(),
      now: () => new Date(),
      random: Math.random,
    };
    let started = performance.now();
    const demo = await seedDemo(services, 'demo');
    const accountMs = performance.now() - started;
    const end = new Date();
    started = performance.now();
    const summary = await seedHistory(store.db, demo, { days, seed, volume, end });
    const historyMs = performance.now() - started;
    const weeks = [];
    const last = Math.floor(end.getTime() / 3_600_000) * 3_600_000;
    for (let to = last; to - WEEK >= last - days * 86_400_000 - 1; to -= WEEK) {
      const from = to - WEEK;
      const h = await replayHistory(store.db, demo.accountId, {
        from: new Date(from),
        to: new Date(to),
      });
      const r = replayPeriod({
        ...h,
        from,
        to,
        slaSeconds: h.serviceLevelTargetMs / 1000,
        utcOffsetMinutes: 180,
        seed: 1,
      });
      const pct = (x: number | null) => (x === null ? null : Number((x * 100).toFixed(1)));
      weeks.push({
        from: new Date(from).toISOString().slice(0, 10),
        conversations: r.actual.totals.conversations,
        sl: [pct(r.actual.totals.serviceLevel), pct(r.replay.totals.serviceLevel)],
        avgWaitS: [r.actual.totals.avgWaitS, r.replay.totals.avgWaitS].map((x) =>
          x === null ? null : Math.round(x),
        ),
        abandoned: [r.actual.totals.abandoned, r.replay.totals.abandoned],
        occupancyMaxDiffPoints: Math.max(
          ...r.actual.operators.map((o) => {
            const b = r.replay.operators.find((x) => x.id === o.id);
            return Math.abs((o.occupancy ?? 0) - (b?.occupancy ?? 0)) * 100;
          }),
        ).toFixed(1),
      });
    }
    console.log(
      JSON.stringify({
        bench: 'demo-history',
        days,
        volume,
        seed,
        accountMs: Math.round(accountMs),
        historyMs: Math.round(historyMs),
        ...summary,
        weeks,
      }),
    );
  } finally {
    await store.close();
  }
}
