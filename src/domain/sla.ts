/**
 * Waiting colours (DESIGN §3). One rule serves both the queue ("waiting for an
 * operator") and an assigned conversation where the client wrote and waits for
 * a reply, so a supervisor reads yellow and red the same way everywhere.
 */
import type { MetricMessage } from './metrics/types.js';

export interface SlaThresholds {
  yellowMs: number;
  redMs: number;
}

export type SlaColour = 'normal' | 'yellow' | 'red';

/** DESIGN §3 defaults: yellow after 30 s, red after 60 s. */
export const DEFAULT_SLA: SlaThresholds = { yellowMs: 30_000, redMs: 60_000 };

/**
 * Colour of a wait that started at `waitingSinceMs`, seen at `now`.
 * Thresholds are inclusive: at exactly 30 s the item has waited 30 s and turns
 * yellow. Red is checked first, so a channel that sets red below the account's
 * yellow still shows red rather than being stuck on yellow.
 */
export function slaColour(waitingSinceMs: number, now: number, t: SlaThresholds): SlaColour {
  const waited = now - waitingSinceMs;
  if (waited >= t.redMs) return 'red';
  if (waited >= t.yellowMs) return 'yellow';
  return 'normal';
}

function usable(value: number | undefined): value is number {
  // A cleared or corrupt setting falls back to the next level instead of
  // colouring everything red (0) or nothing (NaN).
  return value !== undefined && Number.isFinite(value) && value > 0;
}

/**
 * Effective thresholds, field by field: the channel's own setting, else the
 * account's, else the default. A channel may override only red and inherit
 * yellow from the account.
 */
export function resolveThresholds(
  account: Partial<SlaThresholds> | null,
  channel: Partial<SlaThresholds> | null,
): SlaThresholds {
  const pick = (field: keyof SlaThresholds): number => {
    const fromChannel = channel?.[field];
    if (usable(fromChannel)) return fromChannel;
    const fromAccount = account?.[field];
    if (usable(fromAccount)) return fromAccount;
    return DEFAULT_SLA[field];
  };
  return { yellowMs: pick('yellowMs'), redMs: pick('redMs') };
}

/**
 * When the client started waiting for a reply inside an assigned
 * conversation: the time of the first client message not yet followed by an
 * operator message; null when the operator spoke last or the client has not
 * written. Bot and system messages are not replies (DESIGN §4), so they
 * neither stop nor restart the clock. Ordered by `seq`, the order both sides saw.
 */
export function clientWaitingSince(
  messages: readonly Pick<MetricMessage, 'seq' | 'author' | 'at'>[],
): number | null {
  let waitingSince: number | null = null;
  for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
    if (message.author === 'contact') waitingSince ??= message.at;
    else if (message.author === 'operator') waitingSince = null;
  }
  return waitingSince;
}
