// The faults bench's load (bench/faults.ts): visitors writing over HTTP,
// operators connected by websocket and answering over HTTP, every client
// retrying an unanswered or refused message with the same clientKey as the
// widget does — and the probe that tells when every node acknowledges again.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Store } from '../../src/store/database.js';
import type { Node } from '../faults.js';
import type { Ack, Fixture } from './fixture.js';

export interface Load {
  /** Every acknowledgement a client got, probes included. */
  acks: Ack[];
  /** Attempts refused or unanswered (retried). */
  refused(): number;
  /** Seconds from `since` until a probe through every node was acknowledged. */
  recovered(since: number): Promise<number>;
  stop(): Promise<void>;
}

export function startLoad(o: {
  nodes: Node[];
  fixture: Fixture;
  /** The bench's store (replaced when the embedded server's node restarts). */
  store: () => Store;
}): Load {
  const { nodes, fixture } = o;
  const store = o.store;
  const acks: Ack[] = [];
  let refused = 0;
  let stopping = false;
  const alive = () => nodes.filter((n) => n.child && n.child.exitCode === null);
  const pickNode = (i: number) => {
    const up = alive();
    return (up.length > 0 ? up : nodes)[i % Math.max(1, up.length)]!;
  };
  /** Sends one message until acknowledged, the same clientKey each time (a widget's outbox). */
  async function deliver(
    key: string,
    attempt: (node: Node) => Promise<Response>,
    prefer: number,
  ): Promise<void> {
    for (let tries = 0; ; tries++) {
      const node = pickNode(prefer + tries);
      try {
        const res = await attempt(node);
        if (res.status === 200 || res.status === 201) {
          const body = (await res.json()) as { message: { id: string } };
          acks.push({ key, messageId: body.message.id });
          return;
        }
        await res.text();
        refused += 1;
        if (res.status < 500 && res.status !== 429) return; // refused for good (e.g. closed)
      } catch {
        refused += 1; // connection refused or reset: the node is down or restarting
      }
      if (stopping && tries > 200) return;
      await sleep(100 + Math.random() * 200);
    }
  }
  const post = (node: Node, path: string, token: string, body: unknown) =>
    fetch(`${node.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  let sequence = 0;
  const visitorLoops = fixture.visitors.map(async (token, v) => {
    while (!stopping) {
      const key = `v${v}-${sequence++}-${randomUUID().slice(0, 8)}`;
      await deliver(
        key,
        (node) => post(node, '/api/v1/visitor/messages', token, { text: key, clientKey: key }),
        v,
      );
      await sleep(150 + Math.random() * 150);
    }
  });
  // Operators: a websocket each (presence), answers over HTTP.
  const sockets = new Set<WebSocket>();
  function holdSocket(o: number) {
    if (stopping) return;
    const node = pickNode(o);
    const ws = new WebSocket(
      `${node.url.replace('http', 'ws')}/api/v1/ws?token=${fixture.operators[o]!.token}`,
    );
    sockets.add(ws);
    ws.on('error', () => {});
    ws.on('close', () => {
      sockets.delete(ws);
      if (!stopping) setTimeout(() => holdSocket(o), 300);
    });
  }
  for (let o = 0; o < fixture.operators.length; o++) holdSocket(o);
  const operatorLoops = fixture.operators.map(async (op, o) => {
    while (!stopping) {
      const conversations = await store()
        .db.selectFrom('conversations')
        .select('id')
        .where('operator_id', '=', op.id)
        .where('state', '=', 'assigned')
        .limit(5)
        .execute()
        .catch(() => []);
      const target = conversations[Math.floor(Math.random() * conversations.length)];
      if (target) {
        const key = `o${o}-${sequence++}-${randomUUID().slice(0, 8)}`;
        await deliver(
          key,
          (node) =>
            post(node, `/api/v1/conversations/${target.id}/messages`, op.token, {
              text: key,
              clientKey: key,
            }),
          o,
        );
      }
      await sleep(300 + Math.random() * 200);
    }
  });

  // Recovery: every node acknowledges a probe again.
  let probeCount = 0;
  async function recovered(since: number): Promise<number> {
    for (const node of nodes) {
      const token = fixture.probes[nodes.indexOf(node)]!;
      for (;;) {
        const key = `probe-${probeCount++}-${randomUUID().slice(0, 8)}`;
        const ok = await post(node, '/api/v1/visitor/messages', token, {
          text: key,
          clientKey: key,
        })
          .then(async (res) => {
            if (res.status !== 201) return false;
            const body = (await res.json()) as { message: { id: string } };
            acks.push({ key, messageId: body.message.id });
            return true;
          })
          .catch(() => false);
        if (ok) break;
        await sleep(100);
      }
    }
    return (Date.now() - since) / 1000;
  }

  return {
    acks,
    refused: () => refused,
    recovered,
    async stop() {
      stopping = true;
      for (const ws of sockets) ws.close();
      await Promise.all([...visitorLoops, ...operatorLoops]);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
