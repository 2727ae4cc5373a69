// Sound and desktop notification when a conversation is assigned. The sound is
// synthesised (no audio file to load); browsers allow it after any user gesture.
import { createStore } from '../state/store';

export interface NotifyPrefs {
  sound: boolean;
  desktop: boolean;
}

const KEY = 'switchboard.notify';

function loadPrefs(): NotifyPrefs {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) return { sound: true, desktop: true, ...(JSON.parse(raw) as Partial<NotifyPrefs>) };
  } catch {
    // Private mode or corrupt value: fall back to the defaults.
  }
  return { sound: true, desktop: true };
}

export const notifyPrefs = createStore<NotifyPrefs>(loadPrefs());
notifyPrefs.subscribe(() => {
  try {
    localStorage.setItem(KEY, JSON.stringify(notifyPrefs.get()));
  } catch {
    // Preferences simply do not persist.
  }
});

let audio: AudioContext | null = null;
let lastChime = 0;
/** Several assignments at once (coming online) chime once. */
const CHIME_GAP_MS = 2000;

export function playChime(): void {
  if (!notifyPrefs.get().sound || typeof AudioContext === 'undefined') return;
  if (Date.now() - lastChime < CHIME_GAP_MS) return;
  lastChime = Date.now();
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    const start = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.15 + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.15);
      osc.stop(start + i * 0.15 + 0.32);
    }
  } catch {
    // No audio device: the desktop notification and the list still show it.
  }
}

export function desktopPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Must run inside a user gesture (a click), as browsers require. */
export async function askDesktopPermission(): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  await Notification.requestPermission();
}

export function showDesktop(title: string, body: string, onClick: () => void): void {
  if (!notifyPrefs.get().desktop || desktopPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag: 'switchboard-assigned' });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker.
  }
}
