// Display of report values: durations in seconds, shares, nulls as a dash.
import { formatDuration } from './format';

export const DASH = '—';

/** "4.2 s" under a minute, "1:05" and "1:02:03" above; null when undefined. */
export function formatSeconds(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return DASH;
  if (s < 60) return `${Math.round(s * 10) / 10} s`;
  return formatDuration(s * 1000);
}

export function formatShare(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return DASH;
  return `${Math.round(share * 100)}%`;
}
