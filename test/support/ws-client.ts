// A websocket test client that records what it receives and waits for it.
import WebSocket from 'ws';

export interface TestSocket {
  received: Record<string, unknown>[];
  send(message: Record<string, unknown>): void;
  waitFor(
    predicate: (m: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  events(): { id: number; type: string; payload: Record<string, unknown> }[];
  close(): Promise<void>;
  /** Drops the TCP connection without a closing handshake, as a network failure would. */
  kill(): void;
  /** Resolves when the server (or anyone) closes the socket, with the close code. */
  closed: Promise<{ code: number; reason: string }>;
}

export async function connect(
  url: string,
  headers: Record<string, string> = {},
): Promise<TestSocket> {
  const socket = new WebSocket(url, { headers });
  const received: Record<string, unknown>[] = [];
  const waiters: {
    predicate: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as Record<string, unknown>;
    received.push(message);
    for (const w of [...waiters]) {
      if (w.predicate(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    received,
    send: (m) => socket.send(JSON.stringify(m)),
    waitFor(predicate, timeoutMs = 5000) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out; received ${JSON.stringify(received.slice(-5))}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    events: () =>
      received
        .filter((m) => m.type === 'event')
        .map((m) => m.event as { id: number; type: string; payload: Record<string, unknown> }),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
    kill: () => socket.terminate(),
    closed,
  };
}
