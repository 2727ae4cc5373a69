// The two ways an alert reaches the operator outside the page: a chime and a
// desktop notification. Whether to use them is decided in alerts.ts. The sound
// is synthesised (no audio file to load); browsers allow it after any gesture.

let audio: AudioContext | null = null;
let lastChime = 0;
/** Several alerts at once (coming online) chime once. */
const CHIME_GAP_MS = 2000;

export function playChime(): void {
  if (typeof AudioContext === 'undefined') return;
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
    // No audio device: the desktop notification, the title and the list still show it.
  }
}

export function desktopPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Must run inside a user gesture (a click on a visible control), as browsers require. */
export async function askDesktopPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

export function showDesktop(title: string, body: string, tag: string, onClick: () => void): void {
  if (desktopPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker.
  }
}
