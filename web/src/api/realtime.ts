// The operator websocket (docs: src/realtime/protocol.ts). `hello` without a
// seq starts fresh (the caller then fetches REST state); after a drop, `hello`
// with the last seen event seq resumes, and the server replays what was missed.
import type { ApiErrorBody, MessageView, ServerMessage, StoredEvent } from './types';

export type RealtimeStatus = 'connecting' | 'online' | 'offline';

export interface RealtimeHandlers {
  /** `fresh`: state must be (re)fetched — first connect, or the server asked to resync. */
  onReady(fresh: boolean): void;
  onEvent(event: StoredEvent): void;
  onTyping(conversationId: string, author: 'contact' | 'operator', draft: string | null): void;
  onStatus(status: RealtimeStatus): void;
  onUnauthenticated(): void;
}

interface PendingSend {
  resolve(message: MessageView): void;
  reject(error: ApiErrorBody): void;
}

const MAX_BACKOFF_MS = 15_000;
const PING_MS = 25_000;

export class RealtimeClient {
  private socket: WebSocket | null = null;
  private lastSeq: number | null = null;
  private attempts = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private readonly pending = new Map<string, PendingSend>();

  constructor(
    private readonly handlers: RealtimeHandlers,
    private readonly url = defaultUrl(),
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.socket?.close(1000, 'bye');
    this.socket = null;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends over the socket; resolves on `ack` (after commit), rejects on `error`. */
  send(conversationId: string, text: string, clientKey: string, attachments: unknown[]) {
    return new Promise<MessageView>((resolve, reject) => {
      if (!this.connected) {
        reject({ code: 'network', message: 'Not connected.', field: null });
        return;
      }
      this.pending.set(clientKey, { resolve, reject });
      this.raw({ type: 'send', conversationId, text, clientKey, attachments });
    });
  }

  typing(conversationId: string): void {
    if (this.connected) this.raw({ type: 'typing', conversationId });
  }

  private raw(message: Record<string, unknown>): void {
    this.socket?.send(JSON.stringify(message));
  }

  private open(): void {
    this.handlers.onStatus('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.raw(
        this.lastSeq === null ? { type: 'hello' } : { type: 'hello', lastSeq: this.lastSeq },
      );
      this.pingTimer = setInterval(() => this.raw({ type: 'ping' }), PING_MS);
    };
    socket.onmessage = (e) => this.receive(JSON.parse(String(e.data)) as ServerMessage);
    socket.onclose = (e) => {
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.failPending();
      if (this.socket !== socket || this.stopped) return;
      this.handlers.onStatus('offline');
      if (e.code === 4401) {
        this.handlers.onUnauthenticated();
        return;
      }
      // Exponential backoff with jitter, so a restarted server is not stampeded.
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts) * (0.5 + Math.random() / 2);
      this.attempts += 1;
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'ready': {
        const fresh = this.lastSeq === null;
        this.lastSeq = message.lastSeq;
        this.attempts = 0;
        this.handlers.onStatus('online');
        this.handlers.onReady(fresh);
        return;
      }
      case 'resync':
        this.lastSeq = message.lastSeq;
        this.handlers.onReady(true);
        return;
      case 'event':
        this.lastSeq = Math.max(this.lastSeq ?? 0, message.event.seq);
        this.handlers.onEvent(message.event);
        return;
      case 'typing':
        this.handlers.onTyping(message.conversationId, message.author, message.draft);
        return;
      case 'ack':
        this.pending.get(message.clientKey)?.resolve(message.message);
        this.pending.delete(message.clientKey);
        return;
      case 'error':
        if (message.clientKey) {
          this.pending.get(message.clientKey)?.reject(message.error);
          this.pending.delete(message.clientKey);
        }
        return;
      case 'pong':
        return;
    }
  }

  /** A send in flight when the socket drops is retried by the caller with the same key. */
  private failPending(): void {
    for (const p of this.pending.values())
      p.reject({ code: 'network', message: 'Connection lost.', field: null });
    this.pending.clear();
  }
}

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/api/v1/ws`;
}
