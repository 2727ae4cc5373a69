// Thresholds per channel for the shared SLA rule in src/domain/sla.ts.
import {
  resolveThresholds,
  type SlaColour,
  type SlaThresholds,
  slaColour,
} from '../../../src/domain/sla';
import type { AccountSettings, ChannelView } from '../api/types';

export type { SlaColour, SlaThresholds };
export { slaColour };

/** A channel's own `settings.sla`, read defensively: settings are free-form JSON. */
export function channelSla(channel: ChannelView | undefined): Partial<SlaThresholds> | null {
  const raw = channel?.settings.sla;
  if (!raw || typeof raw !== 'object') return null;
  const { yellowMs, redMs } = raw as Record<string, unknown>;
  return {
    ...(typeof yellowMs === 'number' ? { yellowMs } : {}),
    ...(typeof redMs === 'number' ? { redMs } : {}),
  };
}

export function thresholdsFor(
  account: AccountSettings | null,
  channel: ChannelView | undefined,
): SlaThresholds {
  return resolveThresholds(account?.sla ?? null, channelSla(channel));
}

/** Thresholds for every channel, computed once per settings change rather than per row. */
export function thresholdsByChannel(
  account: AccountSettings | null,
  channels: readonly ChannelView[],
): Map<string, SlaThresholds> {
  return new Map(channels.map((c) => [c.id, thresholdsFor(account, c)]));
}
