// Alerts that follow the operator across tabs without ringing twice.
//
// Every tab receives the same events on its own socket and keeps its own
// badges and title count. Only one tab rings (sound and desktop
// notification): the one holding the Web Lock `switchboard-alerts`; when it
// closes, another tab's pending request gets the lock. Tabs tell each other
// what they show over a BroadcastChannel, so a client's message is not an
// alert while any tab shows that conversation in front of the operator.
// The switches are the operator's (PUT /me/alerts) and travel to the other
// tabs on the same channel.
import {
  type AlertKind,
  type AlertPrefs,
  alertPrefsOf,
  type ScreenState,
} from '../../../src/domain/alerts';
import { api } from '../api/client';
import type { AlertsAnswer } from '../api/types';
import { createStore } from '../state/store';
import { playChime, showDesktop } from './notify';

export const alertPrefs = createStore<AlertPrefs>(alertPrefsOf(null));

type Wire =
  | { kind: 'screen'; tab: string; screen: ScreenState }
  | { kind: 'bye'; tab: string }
  | { kind: 'hello'; tab: string }
  | { kind: 'prefs'; prefs: AlertPrefs };

const tabId = Math.random().toString(36).slice(2);
let channel: BroadcastChannel | null = null;
let leader = false;
const screens = new Map<string, ScreenState>();
let myScreen: ScreenState = { conversationId: null, visible: true };

/** Whether this tab is the one that rings (exported for tests and the e2e test). */
export function isRingingTab(): boolean {
  return leader;
}

export function startAlerts(prefs: AlertPrefs): () => void {
  alertPrefs.set(prefs);
  myScreen = { conversationId: myScreen.conversationId, visible: !document.hidden };
  screens.clear();
  screens.set(tabId, myScreen);
  let released: (() => void) | null = null;
  const nav = navigator as Navigator & { locks?: LockManager };
  if (nav.locks) {
    void nav.locks.request(
      'switchboard-alerts',
      () =>
        new Promise<void>((resolve) => {
          leader = true;
          released = resolve;
        }),
    );
  } else leader = true;
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel('switchboard-alerts');
    channel.onmessage = (e: MessageEvent<Wire>) => {
      const m = e.data;
      if (m.kind === 'screen') screens.set(m.tab, m.screen);
      else if (m.kind === 'bye') screens.delete(m.tab);
      else if (m.kind === 'hello') post({ kind: 'screen', tab: tabId, screen: myScreen });
      else if (m.kind === 'prefs') alertPrefs.set(m.prefs);
    };
    post({ kind: 'hello', tab: tabId });
    post({ kind: 'screen', tab: tabId, screen: myScreen });
  }
  const onVisibility = () => setScreen({ ...myScreen, visible: !document.hidden });
  const onHide = () => post({ kind: 'bye', tab: tabId });
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onHide);
  return () => {
    onHide();
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onHide);
    channel?.close();
    channel = null;
    leader = false;
    (released as (() => void) | null)?.();
  };
}

function post(m: Wire): void {
  channel?.postMessage(m);
}

/** What this tab shows; every tab hears of it. */
export function setScreen(screen: ScreenState): void {
  myScreen = screen;
  screens.set(tabId, screen);
  post({ kind: 'screen', tab: tabId, screen });
}

export function currentScreen(): ScreenState {
  return myScreen;
}

/** What every tab of mine shows, this one included. */
export function allScreens(): ScreenState[] {
  return [...screens.values()];
}

export async function changeAlertPrefs(change: Partial<AlertPrefs>): Promise<void> {
  const before = alertPrefs.get();
  alertPrefs.set({ ...before, ...change });
  try {
    const { alerts } = await api.put<AlertsAnswer>('/me/alerts', change);
    alertPrefs.set(alerts);
    post({ kind: 'prefs', prefs: alerts });
  } catch (error) {
    alertPrefs.set(before);
    throw error;
  }
}

export interface Alert {
  kind: AlertKind;
  title: string;
  body: string;
  /** Notifications with the same tag replace each other. */
  tag: string;
  onClick(): void;
}

/** Rings for an alert the operator wants, in the ringing tab only. Returns whether it rang. */
export function ring(alert: Alert): boolean {
  const prefs = alertPrefs.get();
  if (!prefs[alert.kind] || !leader) return false;
  if (prefs.sound) playChime();
  if (prefs.desktop) showDesktop(alert.title, alert.body, alert.tag, alert.onClick);
  return true;
}
