// Websocket presence of operators on this node, written to the database so
// every node agrees (DESIGN §2: a dropped connection gets a grace period, then
// the operator goes offline and their conversations return to the queue). The
// node reports each operator's live count after a connect or disconnect,
// refreshes its rows as a heartbeat, and periodically expires the operators
// whose connections are gone past their account's grace — on any node, so one
// that died is covered by the others. A node that has lost its database or its
// bus stops its heartbeat (its operators would not hear of new conversations
// in time), so the others let its operators go within the grace.
import type { Logger } from 'pino';
import { perform, type Services } from '../actions/context.js';
import { expireDroppedOperator } from '../actions/operators/expire-dropped-operators.js';
import { recordPresence } from '../actions/operators/record-presence.js';
import { refreshPresence } from '../actions/operators/refresh-presence.js';
import { connectionDropped, type PresenceRow } from '../domain/routing/index.js';

export interface PresenceTiming {
  /** How often this node refreshes its live rows. */
  heartbeatMs: number;
  /** Rows with live connections not refreshed for this long are a dead node's (three missed beats). */
  staleMs: number;
  /** How often dropped operators are looked for. */
  checkMs: number;
  /** The server's grace (OFFLINE_GRACE_MS); accounts may set their own. */
  defaultGraceMs: number;
}

/**
 * Timing that lets a dead node's operators go within the grace: the heartbeat
 * is a quarter of it (between 0.5 and 15 s), a row is stale after three
 * missed beats, and expiry is checked as often as the heartbeat (at most
 * every 5 s). Every node of an installation must use the same OFFLINE_GRACE_MS.
 */
export function presenceTiming(graceMs: number): PresenceTiming {
  const heartbeatMs = Math.min(15_000, Math.max(500, Math.floor(graceMs / 4)));
  return {
    heartbeatMs,
    staleMs: 3 * heartbeatMs,
    checkMs: Math.min(5_000, heartbeatMs),
    defaultGraceMs: graceMs,
  };
}

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
  timing: PresenceTiming,
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
    // Cut off from the other nodes: say nothing, so they let our operators go.
    if (!services.bus.ready()) return;
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

  /**
   * One read of every presence row; a transaction only for the operators that
   * look dropped by it. The action reads again under the operator's lock, so a
   * reconnect between this read and that one still keeps them online.
   */
  async function expire() {
    const rows = await services.db
      .selectFrom('operator_presence as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.account_id', 'p.operator_id', 'p.connections', 'p.seen_at', 'a.settings'])
      .execute();
    const byOperator = new Map<
      string,
      { accountId: string; graceMs: number; rows: PresenceRow[] }
    >();
    for (const r of rows) {
      const entry = byOperator.get(r.operator_id) ?? {
        accountId: r.account_id,
        graceMs: r.settings.offlineGraceMs ?? timing.defaultGraceMs,
        rows: [],
      };
      entry.rows.push({ connections: r.connections, seenAt: new Date(r.seen_at).getTime() });
      byOperator.set(r.operator_id, entry);
    }
    const now = services.now().getTime();
    for (const [operatorId, { accountId, graceMs, rows: presence }] of byOperator) {
      if (!connectionDropped(presence, { now, graceMs, staleMs: timing.staleMs })) continue;
      await perform(services, { accountId, actor: { kind: 'system' } }, (ctx) =>
        expireDroppedOperator(ctx, {
          operatorId,
          defaultGraceMs: timing.defaultGraceMs,
          staleMs: timing.staleMs,
        }),
      );
    }
  }

  const timers = [
    setInterval(
      () => void heartbeat().catch((err) => logger.error({ err }, 'presence heartbeat failed')),
      timing.heartbeatMs,
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
