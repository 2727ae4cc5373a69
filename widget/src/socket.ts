// The realtime connection (docs/realtime.md): hello with the last event id seen,
// so the server replays what was missed; reconnect with backoff after any drop
// (network, server restart, deploy); a heartbeat finds connections that died
// without a close frame (a laptop lid, a mobile network switch).
import type { ClientMessage, ServerMessage } from '../../src/realtime/protocol.js';

export interface SocketOptions {
  url: () => string | null;
  /** Where to resume after a reconnect (null: start fresh). */
  resumeFrom: () => { lastSeq: number } | { lastEventId: number } | null;
  onMessage: (message: ServerMessage) => void;
  /** The connection is gone; `code` 4401 means the token was refused. */
  onDown: (code: number) => void;
}

export interface Socket {
  start(): void;
  send(message: ClientMessage): boolean;
  readonly ready: boolean;
}

const HEARTBEAT_MS = 25_000;
const MAX_BACKOFF_MS = 15_000;

export function createSocket(options: SocketOptions): Socket {
  let ws: WebSocket | null = null;
  let ready = false;
  let wanted = false;
  let failures = 0;
  let retryTimer = 0;
  let heartbeat = 0;
  let heard = 0;

  function open() {
    clearTimeout(retryTimer);
    const url = options.url();
    if (!wanted || ws || !url || !navigator.onLine) return;
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'hello', ...options.resumeFrom() }));
    };
    socket.onmessage = (e) => {
      heard = Date.now();
      let message: ServerMessage;
      try {
        message = JSON.parse(String(e.data)) as ServerMessage;
      } catch {
        return;
      }
      if (message.type === 'ready') {
        ready = true;
        failures = 0;
      }
      options.onMessage(message);
    };
    socket.onclose = (e) => drop(socket, e.code);
    socket.onerror = () => socket.close();
  }

  function drop(socket: WebSocket, code: number) {
    if (ws !== socket) return;
    ws = null;
    ready = false;
    socket.onclose = socket.onmessage = socket.onerror = null;
    socket.close();
    options.onDown(code);
    // Jitter spreads reconnects so a restarted server is not hit by every visitor at once.
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures++) * (0.5 + Math.random() / 2);
    retryTimer = window.setTimeout(open, delay);
  }

  function tick() {
    if (!ws || !ready) return;
    if (Date.now() - heard > HEARTBEAT_MS * 2) drop(ws, 1006);
    else ws.send(JSON.stringify({ type: 'ping' }));
  }

  // The browser knows about the network before the socket does: act at once.
  window.addEventListener('offline', () => {
    if (ws) drop(ws, 1006);
  });
  window.addEventListener('online', () => {
    failures = 0;
    open();
  });

  return {
    start() {
      wanted = true;
      if (!heartbeat) heartbeat = window.setInterval(tick, HEARTBEAT_MS);
      open();
    },
    send(message) {
      if (!ws || !ready) return false;
      ws.send(JSON.stringify(message));
      return true;
    },
    get ready() {
      return ready;
    },
  };
}
