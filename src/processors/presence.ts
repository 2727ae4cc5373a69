// Websocket presence of operators on this node, written to the database so
// every node agrees (DESIGN §2: a dropped connection gets a grace period, then
// the operator goes offline and their conversations return to the queue). The
// node reports each operator's live count after a connect or disconnect,
// refreshes its rows as a heartbeat, and periodically expires the operators
// whose connections are gone past their account's grace — on any node, so one
// that died is covered by the others.
import type { Logger } from 'pino';
import { perform, type Services } from '../actions/context.js';
import {
  expireDroppedOperators,
  PRESENCE_STALE_MS,
} from '../actions/operators/expire-dropped-operators.js';
import { recordPresence } from '../actions/operators/record-presence.js';
import { refreshPresence } from '../actions/operators/refresh-presence.js';

const HEARTBEAT_MS = PRESENCE_STALE_MS / 3;

export interface OperatorPresence {
  connected(accountId: string, operatorId: string): void;
  disconnected(accountId: string, operatorId: string): void;
  /** Resolves when every connect and disconnect reported so far is written. */
  flush(): Promise<void>;
  /** Refreshes this node's live rows (also runs on a timer). */
  heartbeat(): Promise<void>;
  /** Expires dropped operators of every account with presence rows (also runs on a timer). */
  expire(): Promise<void>;
  stop(): Promise<void>;
}

export function startPresence(
  services: Services,
  logger: Logger,
  timing: { checkMs: number; defaultGraceMs: number },
): OperatorPresence {
  const node = services.bus.node;
  const local = new Map<string, { accountId: string; connections: number }>();
  // Writes of one operator run one after another, each writing the count of
  // that moment, so the last write always carries the latest count.
  const writes = new Map<string, Promise<void>>();
  let stopped = false;

  function report(accountId: string, operatorId: string, delta: number) {
    if (stopped) return;
    const entry = local.get(operatorId) ?? { accountId, connections: 0 };
    entry.connections = Math.max(0, entry.connections + delta);
    local.set(operatorId, entry);
    const previous = writes.get(operatorId) ?? Promise.resolve();
    const next = previous.then(() =>
      perform(services, { accountId, actor: { kind: 'system' } }, (ctx) =>
        recordPresence(ctx, {
          node,
          operatorId,
          connections: local.get(operatorId)?.connections ?? 0,
        }),
      ).then(
        () => {
          if (local.get(operatorId)?.connections === 0) local.delete(operatorId);
        },
        (err) => logger.error({ err, operatorId }, 'recording presence failed'),
      ),
    );
    writes.set(operatorId, next);
    void next.finally(() => {
      if (writes.get(operatorId) === next) writes.delete(operatorId);
    });
  }

  async function heartbeat() {
    const byAccount = new Map<string, string[]>();
    for (const [operatorId, e] of local) {
      if (e.connections > 0)
        byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), operatorId]);
    }
    for (const [accountId, operatorIds] of byAccount) {
      await perform(services, { accountId, actor: { kind: 'system' } }, (ctx) =>
        refreshPresence(ctx, { node, operatorIds }),
      );
    }
  }

  async function expire() {
    const accounts = await services.db
      .selectFrom('operator_presence')
      .select('account_id')
      .distinct()
      .execute();
    for (const { account_id: accountId } of accounts) {
      await perform(services, { accountId, actor: { kind: 'system' } }, (ctx) =>
        expireDroppedOperators(ctx, { defaultGraceMs: timing.defaultGraceMs }),
      );
    }
  }

  const timers = [
    setInterval(
      () => void heartbeat().catch((err) => logger.error({ err }, 'presence heartbeat failed')),
      HEARTBEAT_MS,
    ),
    setInterval(
      () => void expire().catch((err) => logger.error({ err }, 'presence expiry failed')),
      timing.checkMs,
    ),
  ];
  for (const t of timers) t.unref();

  async function flush() {
    while (writes.size > 0) await Promise.allSettled([...writes.values()]);
  }

  return {
    connected: (accountId, operatorId) => report(accountId, operatorId, +1),
    disconnected: (accountId, operatorId) => report(accountId, operatorId, -1),
    flush,
    heartbeat,
    expire,
    async stop() {
      for (const t of timers) clearInterval(t);
      await flush();
      // Shutting down drops this node's connections: the grace starts now, and
      // the operators keep everything if they reconnect to another node in time.
      for (const [operatorId, e] of [...local]) report(e.accountId, operatorId, -e.connections);
      stopped = true;
      await flush();
    },
  };
}
