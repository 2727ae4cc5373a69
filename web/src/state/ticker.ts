// One shared 1-second clock for every timer on screen. A timer per row would
// mean thousands of intervals with a long queue; here each tick is one
// notification and only mounted (visible) rows re-render.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let handle: ReturnType<typeof setInterval> | null = null;
/** Server time minus local time, so waits computed from server timestamps are right. */
let skewMs = 0;
let now = Date.now();

function tick() {
  now = Date.now() + skewMs;
  for (const l of [...listeners]) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!handle) {
    now = Date.now() + skewMs;
    handle = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && handle) {
      clearInterval(handle);
      handle = null;
    }
  };
}

/** The shared current time, refreshed once a second while anyone is watching. */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}

export function currentTime(): number {
  return Date.now() + skewMs;
}

/**
 * Learns the server's clock from a response Date header (1 s resolution).
 * Small differences are ignored: they are within the header's own precision.
 */
export function observeServerDate(header: string | null): void {
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  const diff = server - Date.now();
  skewMs = Math.abs(diff) > 2000 ? diff : 0;
}
