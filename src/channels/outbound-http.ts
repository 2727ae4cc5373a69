// HTTP(S) to addresses account admins configured, through agents that check
// every connection against the outbound policy (outbound-address.ts): names by
// the agent's `lookup`, IP literals before the socket opens. Redirects are not
// followed here, so a 30x cannot lead anywhere the policy did not see.
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import {
  checkHostLiteral,
  guardedLookup,
  type OutboundPolicy,
  type Resolver,
  systemResolver,
} from './outbound-address.js';

type ConnectCallback = (err: Error | null, stream: Duplex) => void;

/** Refuses a literal address the policy forbids, via the callback (the request then emits it). */
function refuseLiteral(
  policy: OutboundPolicy,
  options: { host?: string | null | undefined; hostname?: string | null | undefined },
  callback: ConnectCallback | undefined,
): boolean {
  const host = options.hostname ?? options.host;
  if (!host) return false;
  try {
    checkHostLiteral(host, policy);
    return false;
  } catch (err) {
    if (!callback) throw err;
    callback(err as Error, undefined as unknown as Duplex);
    return true;
  }
}

class GuardedHttpAgent extends http.Agent {
  constructor(
    private readonly policy: OutboundPolicy,
    resolver: Resolver,
    keepAlive: boolean,
  ) {
    super({ keepAlive, lookup: guardedLookup(policy, resolver) });
  }
  override createConnection(options: http.ClientRequestArgs, callback?: ConnectCallback) {
    if (refuseLiteral(this.policy, options, callback)) return undefined;
    return super.createConnection(options, callback);
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(
    private readonly policy: OutboundPolicy,
    resolver: Resolver,
    keepAlive: boolean,
  ) {
    super({ keepAlive, lookup: guardedLookup(policy, resolver) });
  }
  override createConnection(options: https.RequestOptions, callback?: ConnectCallback) {
    if (refuseLiteral(this.policy, options, callback)) return undefined;
    return super.createConnection(options, callback);
  }
}

export interface OutboundAgents {
  http: http.Agent;
  https: https.Agent;
  /** The agent for a URL, as node-fetch (grammY) takes it: also used for each redirect. */
  forUrl(url: URL): http.Agent;
}

const cached = new WeakMap<OutboundPolicy, OutboundAgents>();

/** Keep-alive agents for a policy, one pair per policy object. */
export function outboundAgents(
  policy: OutboundPolicy,
  resolver: Resolver = systemResolver,
): OutboundAgents {
  const hit = resolver === systemResolver ? cached.get(policy) : undefined;
  if (hit) return hit;
  const agents: OutboundAgents = {
    http: new GuardedHttpAgent(policy, resolver, true),
    https: new GuardedHttpsAgent(policy, resolver, true),
    forUrl: (url) => (url.protocol === 'https:' ? agents.https : agents.http),
  };
  if (resolver === systemResolver) cached.set(policy, agents);
  return agents;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request through the guarded agents. Answers of any status resolve; a
 * refused address, a network failure, the timeout or a body over `maxBytes`
 * reject.
 */
export function outboundRequest(
  url: string,
  init: {
    policy: OutboundPolicy;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    timeoutMs: number;
    maxBytes?: number;
    resolver?: Resolver;
  },
): Promise<OutboundResponse> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return Promise.reject(new Error(`not an http(s) URL: ${target.protocol}`));
  const agent = outboundAgents(init.policy, init.resolver).forUrl(target);
  const send = target.protocol === 'https:' ? https.request : http.request;
  const maxBytes = init.maxBytes ?? Number.POSITIVE_INFINITY;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: init.method ?? 'GET',
        headers: init.headers,
        agent,
        signal: AbortSignal.timeout(init.timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy(new Error(`the answer is larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}
