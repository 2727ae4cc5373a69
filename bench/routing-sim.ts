// `npm run bench -- routing-sim [--conversations N] [--seed S]`
// Drives the real router (planAssignments) through a discrete-event simulation
// and compares it with Erlang C. Progress goes to stderr; one JSON line per
// run to stdout. Limit-1 runs must land within 1.5 points of Erlang C: the
// router is work-conserving, so it must behave like an M/M/N queue.
import { averageSpeedOfAnswer, serviceLevel } from '../src/domain/erlang-c.js';
import { type SimulationResult, simulateQueue } from '../src/domain/simulation/index.js';

const AHT_S = 180;
const TARGET_S = 20;
const SL_TARGET = 0.8;
const TOLERANCE = 0.015;

interface Run {
  scenario: 'erlang_check' | 'capacity' | 'break_even_stretch';
  agents: number;
  limit: number;
  arrivalsPerHour: number;
  ahtSeconds: number;
  /** Extra fields describing the comparison. */
  extra?: Record<string, number>;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Largest x in [lo, hi] where ok(x) holds, for ok true below a threshold and false above. */
function bisect(lo: number, hi: number, ok: (x: number) => boolean): number {
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Highest chats per hour that `slots` single-chat servers serve at the SL target. */
function capacityPerHour(slots: number, ahtSeconds: number): number {
  const traffic = bisect(
    0,
    slots,
    (a) => serviceLevel(slots, a, ahtSeconds, TARGET_S) >= SL_TARGET,
  );
  return (traffic * 3600) / ahtSeconds;
}

/** How far handle time may stretch before `slots` miss the target at this arrival rate. */
function breakEvenStretch(slots: number, arrivalsPerHour: number): number {
  const trafficAt = (s: number) => (arrivalsPerHour * AHT_S * s) / 3600;
  return bisect(1, slots / trafficAt(1), (s) => {
    return serviceLevel(slots, trafficAt(s), AHT_S * s, TARGET_S) >= SL_TARGET;
  });
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function execute(run: Run, conversations: number, seed: number): boolean {
  const slots = run.agents * run.limit;
  const traffic = (run.arrivalsPerHour * run.ahtSeconds) / 3600;
  const label = `${run.scenario} agents=${run.agents} limit=${run.limit} traffic=${traffic.toFixed(2)} Erl`;
  const started = performance.now();
  const result: SimulationResult = simulateQueue({
    agents: run.agents,
    limit: run.limit,
    arrivalsPerSecond: run.arrivalsPerHour / 3600,
    ahtSeconds: run.ahtSeconds,
    targetSeconds: TARGET_S,
    conversations,
    seed,
    progressEvery: 200_000,
    onProgress: (done, total) => process.stderr.write(`  ${label}: ${done}/${total}\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  // Erlang C over slots: each of an operator's `limit` slots is one server.
  const slErlang = serviceLevel(slots, traffic, run.ahtSeconds, TARGET_S);
  const asaErlang = averageSpeedOfAnswer(slots, traffic, run.ahtSeconds);
  const diff = result.serviceLevel - slErlang;
  console.log(
    JSON.stringify({
      bench: 'routing-sim',
      agents: run.agents,
      limit: run.limit,
      sl_sim: round(result.serviceLevel, 4),
      sl_erlang: round(slErlang, 4),
      asa_sim_s: round(result.asaSeconds, 2),
      asa_erlang_s: round(asaErlang, 2),
      scenario: run.scenario,
      diff_pp: round(diff * 100, 2),
      sl_sim_se_pp: round(result.serviceLevelStdError * 100, 2),
      arrivals_per_hour: round(run.arrivalsPerHour, 1),
      aht_s: round(run.ahtSeconds, 1),
      traffic_erl: round(traffic, 3),
      slot_occupancy: round(traffic / slots, 3),
      ...run.extra,
      conversations: result.conversations,
      plans: result.plans,
      run_s: round(seconds, 1),
    }),
  );
  const ok = run.limit !== 1 || Math.abs(diff) <= TOLERANCE;
  process.stderr.write(
    `  ${label}: sim ${(result.serviceLevel * 100).toFixed(2)} % vs Erlang C ${(slErlang * 100).toFixed(2)} %` +
      ` in ${seconds.toFixed(1)} s${ok ? '' : '  ← OUTSIDE 1.5 points'}\n`,
  );
  return ok;
}

export async function main(args: string[]): Promise<void> {
  const conversations = Math.round(option(args, 'conversations', 1_200_000));
  const seed = Math.round(option(args, 'seed', 20240601));
  const agents = 14;
  const runs: Run[] = [
    // Erlang C check at light, standard and heavy single-chat loads.
    { scenario: 'erlang_check', agents, limit: 1, arrivalsPerHour: 200, ahtSeconds: AHT_S },
    { scenario: 'erlang_check', agents, limit: 1, arrivalsPerHour: 240, ahtSeconds: AHT_S },
    { scenario: 'erlang_check', agents: 50, limit: 1, arrivalsPerHour: 840, ahtSeconds: AHT_S },
  ];
  // What concurrency buys: the same 14 operators at the highest load each
  // limit serves at 80 % within 20 s — if handle time did not stretch.
  const base = capacityPerHour(agents, AHT_S);
  for (const limit of [1, 3, 5]) {
    const perHour = capacityPerHour(agents * limit, AHT_S);
    const extra = { capacity_vs_limit1: round(perHour / base, 2) };
    runs.push({
      scenario: 'capacity',
      agents,
      limit,
      arrivalsPerHour: perHour,
      ahtSeconds: AHT_S,
      extra,
    });
  }
  // The honest counterweight: at the single-chat capacity load, how much may
  // multitasking stretch each chat before limit L stops meeting the target?
  for (const limit of [3, 5]) {
    const stretch = breakEvenStretch(agents * limit, base);
    const extra = { aht_stretch: round(stretch, 2) };
    runs.push({
      scenario: 'break_even_stretch',
      agents,
      limit,
      arrivalsPerHour: base,
      ahtSeconds: AHT_S * stretch,
      extra,
    });
  }

  process.stderr.write(
    `routing-sim: ${runs.length} runs × ${conversations} conversations (+10 % warm-up), seed ${seed}\n`,
  );
  let allOk = true;
  for (const [i, run] of runs.entries()) allOk = execute(run, conversations, seed + i) && allOk;
  if (!allOk) {
    process.stderr.write(
      'routing-sim: a single-chat run missed Erlang C by more than 1.5 points\n',
    );
    process.exitCode = 1;
  }
}
