// Small waits of the load generator: a condition polled until it holds, and
// work spread over a fixed number of concurrent workers.

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(ok: () => boolean, timeoutMs: number, what: string) {
  const deadline = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function pool<T>(items: T[], size: number, f: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await f(items[next++]!);
    }),
  );
}
