// A TCP proxy the tests and the faults bench control, put between a node and
// PostgreSQL (or Redis) to make the network fail in the ways it does:
// - `drop()`: every connection is reset and new ones are refused at once
//   (a server restart, a failover);
// - `blackhole()`: connections stay open but no byte goes through either way,
//   and new ones are accepted and never answered (a partition);
// - `halfOpen()`: the connections open now stop carrying bytes, without being
//   closed, while new ones work (a NAT or firewall that forgot them);
// - `restore()`: new connections go through again. A blackholed connection
//   stays dead: the bytes it lost cannot be given back.
import net from 'node:net';

export type ProxyMode = 'forward' | 'drop' | 'blackhole';

interface Pair {
  client: net.Socket;
  server: net.Socket | null;
  dead: boolean;
}

export interface TcpProxy {
  readonly port: number;
  readonly mode: ProxyMode;
  drop(): void;
  blackhole(): void;
  halfOpen(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  const pairs = new Set<Pair>();

  function kill(pair: Pair) {
    pair.dead = true;
    pair.client.unpipe();
    pair.server?.unpipe();
    pair.client.removeAllListeners('data');
    pair.server?.removeAllListeners('data');
    // Read and discard, so the sender's writes are "delivered" and lost.
    pair.client.on('data', () => {});
    pair.server?.on('data', () => {});
  }

  const server = net.createServer((client) => {
    client.on('error', () => {});
    const pair: Pair = { client, server: null, dead: false };
    pairs.add(pair);
    client.on('close', () => {
      pairs.delete(pair);
      pair.server?.destroy();
    });
    if (mode === 'drop') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'blackhole') {
      kill(pair);
      return;
    }
    const upstream = net.connect(target.port, target.host);
    pair.server = upstream;
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => {
      if (!pair.dead) client.destroy();
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get mode() {
      return mode;
    },
    drop() {
      mode = 'drop';
      for (const p of pairs) {
        p.client.resetAndDestroy();
        p.server?.destroy();
      }
    },
    blackhole() {
      mode = 'blackhole';
      for (const p of pairs) kill(p);
    },
    halfOpen() {
      for (const p of pairs) kill(p);
    },
    restore() {
      mode = 'forward';
    },
    async close() {
      for (const p of pairs) {
        p.client.destroy();
        p.server?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `url` with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}
