// Which workspace alerts an operator gets. Pure: the operator app calls it for
// every event it applies (web/src/lib/alerts.ts), and the tests drive it directly.

/** An operator's alert switches: sound, desktop notifications, and each kind of alert. */
export interface AlertPrefs {
  sound: boolean;
  desktop: boolean;
  assigned: boolean;
  messages: boolean;
  queue: boolean;
  mentions: boolean;
}

export type AlertKind = 'assigned' | 'messages' | 'queue' | 'mentions';

export const ALERT_KINDS: readonly AlertKind[] = ['assigned', 'messages', 'queue', 'mentions'];

/** Everything on until the operator switches it off. */
export const DEFAULT_ALERTS: AlertPrefs = {
  sound: true,
  desktop: true,
  assigned: true,
  messages: true,
  queue: true,
  mentions: true,
};

export function alertPrefsOf(stored: Partial<AlertPrefs> | null | undefined): AlertPrefs {
  return { ...DEFAULT_ALERTS, ...(stored ?? {}) };
}

/** What the tab shows: the conversation open on screen, and whether the tab is visible. */
export interface ScreenState {
  conversationId: string | null;
  visible: boolean;
}

/**
 * A client's message in one of my conversations alerts unless that
 * conversation is on screen in a visible tab (any of my tabs).
 */
export function messageAlerts(conversationId: string, screens: readonly ScreenState[]): boolean {
  return !screens.some((s) => s.visible && s.conversationId === conversationId);
}

export interface QueueAlertInput {
  /** The team's distribution mode (or the account's when the conversation has no team). */
  mode: 'least_loaded' | 'random' | 'manual' | 'round_robin';
  /** Whether the conversation waits in a queue I can see (my teams, or no team). */
  visibleToMe: boolean;
  status: 'online' | 'away' | 'offline';
  openCount: number;
  limit: number;
}

/** Whether I can take a waiting conversation now; null when I can, else why not. */
export function takeBlocker(
  input: Omit<QueueAlertInput, 'mode'>,
): 'not_visible' | 'not_online' | 'at_limit' | null {
  if (!input.visibleToMe) return 'not_visible';
  if (input.status !== 'online') return 'not_online';
  if (input.openCount >= input.limit) return 'at_limit';
  return null;
}

/**
 * A new waiting conversation alerts when I can take it: in a manual team's
 * queue (nobody will be given it), or in any queue while I have a free slot.
 * In a manual team I am alerted even at my limit only when I am online: I may
 * close one and take it.
 */
export function queueAlerts(input: QueueAlertInput): boolean {
  if (!input.visibleToMe || input.status !== 'online') return false;
  if (input.mode === 'manual') return true;
  return input.openCount < input.limit;
}
