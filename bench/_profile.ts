// BENCH_PROFILE=dir: CPU profiles of one phase of a benchmark (the closed
// loop, say), not of its set-up. A process profiles itself between two calls,
// or between two SIGUSR2 signals sent by the benchmark's main process.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

export const profileDir = process.env.BENCH_PROFILE || null;

/** Starts profiling this process; the returned function stops and writes `<name>.cpuprofile`. */
export async function profilePhase(name: string): Promise<() => Promise<void>> {
  if (!profileDir) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

/** In a child: SIGUSR2 starts a profile, the next SIGUSR2 writes it. */
export function profileOnSignal(name: string) {
  if (!profileDir) return;
  let stop: (() => Promise<void>) | null = null;
  process.on('SIGUSR2', () => {
    if (stop) {
      void stop();
      stop = null;
    } else void profilePhase(name).then((s) => (stop = s));
  });
}
