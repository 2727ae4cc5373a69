// Hooks over the session and reference stores that most views need.
import { useMemo } from 'react';
import type { ChannelView, Me, OperatorView, TeamView } from '../api/types';
import { reference } from '../state/reference';
import { session } from '../state/session';
import { useStore } from '../state/store';
import { type SlaThresholds, thresholdsByChannel, thresholdsFor } from './sla';

export function useMe(): Me {
  const me = useStore(session, (s) => (s.phase === 'ready' ? s.me : null));
  if (!me) throw new Error('useMe outside a signed-in view');
  return me;
}

/**
 * The zone report charts and lists show time in: the viewer's own (the
 * browser's), which the report pages also send as `tz` so the server cuts
 * hours and days there; the account's working-hours zone, else UTC, when the
 * browser names none.
 */
export function useReportTimeZone(): string {
  const account = useMe().account.settings.workingHours?.timezone;
  return viewerTimeZone() ?? account ?? 'UTC';
}

function viewerTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

export function useReference() {
  return useStore(reference, (r) => r);
}

export interface Lookups {
  channel: (id: string) => ChannelView | undefined;
  team: (id: string | null) => TeamView | undefined;
  operator: (id: string | null) => OperatorView | undefined;
  thresholds: (channelId: string) => SlaThresholds;
}

/** Id lookups and per-channel SLA thresholds, rebuilt only when their sources change. */
export function useLookups(): Lookups {
  const me = useMe();
  const ref = useReference();
  return useMemo(() => {
    const channels = new Map(ref.channels.map((c) => [c.id, c]));
    const teams = new Map(ref.teams.map((c) => [c.id, c]));
    const operators = new Map(ref.operators.map((c) => [c.id, c]));
    const sla = thresholdsByChannel(me.account.settings, ref.channels);
    // A channel created after the last reference load still gets the account's thresholds.
    const fallback = thresholdsFor(me.account.settings, undefined);
    return {
      channel: (id) => channels.get(id),
      team: (id) => (id ? teams.get(id) : undefined),
      operator: (id) => (id ? operators.get(id) : undefined),
      thresholds: (id) => sla.get(id) ?? fallback,
    };
  }, [me, ref]);
}
