// Sends the outbox: one message at a time, in the order written, over the
// socket when it is up (ack after commit) and over REST when it is not. Every
// attempt carries the message's clientKey, so a retry after a lost ack, a
// second tab or a reload never stores it twice (DESIGN §8).
import type { MessageView } from '../../src/contract/views.js';
import type { VisitorSent } from '../../src/contract/visitor.js';
import type { ServerMessage } from '../../src/realtime/protocol.js';
import { type Api, ApiError, transient } from './api.js';
import {
  dequeue,
  type KeyValueStore,
  markAttempt,
  OUTBOX_KEY,
  type OutboxItem,
  readOutbox,
  updateOutbox,
} from './outbox.js';
import type { Socket } from './socket.js';

export interface DeliveryOptions {
  store: KeyValueStore;
  socket: Socket;
  api: Api;
  ensureSession: () => Promise<void>;
  /** The server has the message (maybe from an earlier attempt). */
  onSent: (message: MessageView) => void;
  /** `retry`: will be sent again; `failed`: refused for good. */
  onFailed: (clientKey: string, state: 'retry' | 'failed', error: unknown) => void;
  /** The visitor token was refused: forget it so the next attempt gets a new session. */
  onUnauthenticated: () => void;
}

export interface Delivery {
  flush(): Promise<void>;
  /** Acks and errors of socket sends. */
  settle(message: Extract<ServerMessage, { type: 'ack' | 'error' }>): void;
  /** The socket went down: its pending sends will not be answered. */
  abandon(): void;
  /** The network is back: retry now rather than after the backoff. */
  resume(): void;
}

/** A send over the socket without an ack in this time is retried (same clientKey: no duplicate). */
const ACK_TIMEOUT_MS = 15_000;
const MAX_RETRY_MS = 30_000;

export function createDelivery(o: DeliveryOptions): Delivery {
  const waiters = new Map<
    string,
    { resolve: (m: MessageView) => void; reject: (e: Error) => void }
  >();
  let flushing = false;
  let failures = 0;
  let retryTimer = 0;

  function viaSocket(item: OutboxItem): Promise<MessageView> {
    return new Promise((resolve, reject) => {
      const timer = window.setTimeout(
        () => finish(reject)(new ApiError(0, 'timeout')),
        ACK_TIMEOUT_MS,
      );
      const finish =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          clearTimeout(timer);
          waiters.delete(item.clientKey);
          f(v);
        };
      waiters.set(item.clientKey, { resolve: finish(resolve), reject: finish(reject) });
      if (
        !o.socket.send({ type: 'send', text: item.text, clientKey: item.clientKey, ...refs(item) })
      )
        finish(reject)(new ApiError(0, 'network'));
    });
  }

  async function deliver(item: OutboxItem): Promise<MessageView> {
    if (o.socket.ready) return viaSocket(item);
    // No socket (blocked by a proxy, or still connecting): the REST call is just as idempotent.
    const res = await o.api<VisitorSent>('POST', '/visitor/messages', {
      text: item.text,
      clientKey: item.clientKey,
      ...refs(item),
    });
    return res.message;
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    clearTimeout(retryTimer);
    try {
      for (;;) {
        const item = readOutbox(o.store, OUTBOX_KEY)[0];
        if (!item) return;
        try {
          await o.ensureSession();
          o.onSent(await deliver(item));
          failures = 0;
        } catch (e) {
          const unauthenticated = e instanceof ApiError && e.status === 401;
          if (!transient(e) && !unauthenticated) {
            // Refused for good (too long, contact blocked): say so, do not retry forever.
            updateOutbox(o.store, OUTBOX_KEY, dequeue(item.clientKey));
            o.onFailed(item.clientKey, 'failed', e);
            continue;
          }
          if (unauthenticated) o.onUnauthenticated();
          updateOutbox(o.store, OUTBOX_KEY, markAttempt(item.clientKey));
          o.onFailed(item.clientKey, 'retry', e);
          retryTimer = window.setTimeout(flush, Math.min(MAX_RETRY_MS, 1000 * 2 ** failures++));
          return;
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    flush,
    settle(m) {
      if (!m.clientKey) return;
      const w = waiters.get(m.clientKey);
      if (m.type === 'ack') w?.resolve(m.message as MessageView);
      else {
        const code = m.error.code;
        w?.reject(
          new ApiError(code === 'rate_limited' ? 429 : code === 'internal' ? 500 : 400, code),
        );
      }
    },
    abandon() {
      for (const w of [...waiters.values()]) w.reject(new ApiError(0, 'network'));
    },
    resume() {
      failures = 0;
      void flush();
    },
  };
}

/** Attachments go by upload id only. */
function refs(item: OutboxItem) {
  return item.attachments?.length
    ? { attachments: item.attachments.map((a) => ({ id: a.id })) }
    : {};
}
