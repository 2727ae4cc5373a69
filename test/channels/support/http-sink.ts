// A loopback HTTP receiver for the API channel's outbound messages and for
// webhooks: records each request with its raw body, can fail the next ones.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SinkRequest {
  path: string;
  headers: Record<string, string>;
  raw: Buffer;
  json: Record<string, unknown>;
}

export interface HttpSink {
  url: string;
  requests: SinkRequest[];
  /** Requests answered 2xx. */
  accepted: SinkRequest[];
  /** Fails the next `times` requests (only those to `path`, when given: other tests' deliveries may still arrive). */
  failNext(times: number, status: number, path?: string): void;
  close(): Promise<void>;
}

export async function startHttpSink(): Promise<HttpSink> {
  const requests: SinkRequest[] = [];
  const accepted: SinkRequest[] = [];
  let failures: { times: number; status: number; path?: string } = { times: 0, status: 500 };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const request = {
      path: req.url ?? '/',
      headers,
      raw,
      json: JSON.parse(raw.toString('utf8') || '{}'),
    };
    requests.push(request);
    if (failures.times > 0 && (failures.path === undefined || request.path === failures.path)) {
      failures.times -= 1;
      return void res.writeHead(failures.status).end('unavailable');
    }
    accepted.push(request);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: `ext-${accepted.length}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    failNext: (times, status, path) => {
      failures = { times, status, ...(path === undefined ? {} : { path }) };
    },
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
