// One realtime client of the load generator, as the web app and the widget
// behave (web/src/api/realtime.ts, widget/src/socket.ts): `hello` fresh the
// first time, then `hello` with the highest event id seen after every drop; a
// send is retried with its clientKey until it is acknowledged or refused. It
// records every event id it receives, in order, for the check.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export interface EventFrame {
  id: number;
  type: string;
  conversationId: string | null;
  payload: Record<string, unknown>;
  at: string;
}

export type SendResult =
  | {
      ok: true;
      conversationId: string;
      message: { id: string };
      /** performance.now() when the frame first left this client (not when send() was called). */
      sentAt: number;
    }
  | { ok: false; code: string };

export interface ClientHooks {
  /** `fresh`: first connection, or the server asked for a resync — fetch state. */
  onReady(fresh: boolean): void;
  onEvent(e: EventFrame, live: boolean): void;
}

export interface ClientRecord {
  /** lastEventId of the first `ready`: the client is entitled to what follows. */
  firstBound: number | null;
  /** Event ids in the order received, over every connection. */
  received: number[];
  /** (after, upTo] windows the server told the client to fetch again instead (resync). */
  resynced: [number, number][];
  connections: number;
}

interface Pending {
  frame: Record<string, unknown>;
  sentOn: WebSocket | null;
  /** performance.now() of the first transmission; null while waiting for a socket. */
  firstSentAt: number | null;
  resolve(r: SendResult): void;
}

const ACK_TIMEOUT_MS = 15_000;

/** Close codes seen by every client of the process, for the bench's log. */
export const closeCodes = new Map<number, number>();

export class RealtimeClient implements ClientRecord {
  firstBound: number | null = null;
  received: number[] = [];
  resynced: [number, number][] = [];
  connections = 0;
  /** Receive time minus the event's `at`, in ms, for events received live. */
  readonly lags: number[] = [];
  lastEventId: number | null = null;
  ready = false;
  private ws: WebSocket | null = null;
  private stopped = false;
  private helloWith: number | null = null;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly url: () => string,
    private readonly hooks: ClientHooks,
    private readonly headers: Record<string, string> = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  /** Drops the TCP connection without a close frame, as a network failure would. */
  drop(): void {
    this.ws?.terminate();
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
    this.ws = null;
    this.ready = false;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Resolves on `ack` (after commit) or a refusal; retried across reconnects with the same key. */
  send(frame: Record<string, unknown>): Promise<SendResult> {
    const clientKey = randomUUID();
    return new Promise((resolve) => {
      const p: Pending = {
        frame: { type: 'send', clientKey, ...frame },
        sentOn: null,
        firstSentAt: null,
        resolve,
      };
      this.pending.set(clientKey, p);
      if (this.ready) this.transmit(p);
      // No answer in this time: send again on whatever socket is up, as the widget does.
      const timer = setInterval(() => {
        if (!this.pending.has(clientKey)) clearInterval(timer);
        else if (this.ready) this.transmit(p);
      }, ACK_TIMEOUT_MS);
      timer.unref();
    });
  }

  private transmit(p: Pending) {
    if (!this.ws) return;
    p.sentOn = this.ws;
    p.firstSentAt ??= performance.now();
    this.ws.send(JSON.stringify(p.frame));
  }

  private open() {
    if (this.stopped) return;
    const ws = new WebSocket(this.url(), { perMessageDeflate: false, headers: this.headers });
    this.ws = ws;
    ws.on('open', () => {
      this.connections += 1;
      this.helloWith = this.lastEventId;
      ws.send(
        JSON.stringify(
          this.lastEventId === null
            ? { type: 'hello' }
            : { type: 'hello', lastEventId: this.lastEventId },
        ),
      );
    });
    ws.on('message', (raw) => {
      if (this.ws === ws) this.receive(JSON.parse(raw.toString()) as Record<string, unknown>);
    });
    ws.on('error', () => {});
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
      this.ws = null;
      this.ready = false;
      if (this.stopped) return;
      setTimeout(() => this.open(), 100 + Math.random() * 400);
    });
  }

  private receive(m: Record<string, unknown>) {
    switch (m.type) {
      case 'ready': {
        const fresh = this.lastEventId === null;
        this.lastEventId = m.lastEventId as number;
        if (this.firstBound === null) this.firstBound = this.lastEventId;
        this.ready = true;
        // What was sent on a connection that dropped is sent again, same key.
        for (const p of this.pending.values()) if (p.sentOn !== this.ws) this.transmit(p);
        this.hooks.onReady(fresh);
        return;
      }
      case 'resync':
        this.resynced.push([this.helloWith ?? 0, m.lastEventId as number]);
        this.lastEventId = m.lastEventId as number;
        this.hooks.onReady(true);
        return;
      case 'event': {
        const e = m.event as EventFrame;
        this.received.push(e.id);
        if (this.ready) this.lags.push(Date.now() - Date.parse(e.at));
        this.lastEventId = Math.max(this.lastEventId ?? 0, e.id);
        this.hooks.onEvent(e, this.ready);
        return;
      }
      case 'ack': {
        const p = this.pending.get(m.clientKey as string);
        this.pending.delete(m.clientKey as string);
        p?.resolve({
          ok: true,
          conversationId: m.conversationId as string,
          message: m.message as { id: string },
          sentAt: p?.firstSentAt ?? performance.now(),
        });
        return;
      }
      case 'error': {
        const key = m.clientKey as string | undefined;
        const p = key ? this.pending.get(key) : undefined;
        if (!p || !key) return;
        const code = (m.error as { code: string }).code;
        // Our side of a dying node (internal) is retried like a lost ack.
        if (code === 'internal') {
          setTimeout(() => this.ready && this.transmit(p), 200);
          return;
        }
        this.pending.delete(key);
        p.resolve({ ok: false, code });
        return;
      }
    }
  }
}

export type HttpCallArgs = [
  method: string,
  path: string,
  auth: string,
  body?: unknown,
  headers?: Record<string, string>,
];

/** HTTP through `entry()` (the balancer or a node), retried while a node is down (connection errors, 502–504). */
export async function httpCall(
  entry: () => string,
  method: string,
  path: string,
  auth: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  for (let attempt = 0; ; attempt++) {
    const retry = async (why: unknown) => {
      if (attempt >= 12) throw new Error(`${method} ${path}: ${String(why)}`);
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    };
    try {
      const res = await fetch(`${entry()}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${auth}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status >= 502 && res.status <= 504) {
        await retry(res.status);
        continue;
      }
      let parsed: Record<string, unknown> | null = null;
      try {
        parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      } catch {
        parsed = { raw: text.slice(0, 200) };
      }
      return { status: res.status, body: parsed };
    } catch (error) {
      await retry(error);
    }
  }
}

/** What the checks need of a client once the load is over. */
export function record(c: RealtimeClient): ClientRecord {
  return {
    firstBound: c.firstBound,
    received: c.received,
    resynced: c.resynced,
    connections: c.connections,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
