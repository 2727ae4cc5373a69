// Runs the router when something changed that can let a conversation be
// assigned (DESIGN §2: on queue, close, transfer, operator online, limit
// raised, team joined) — not on a timer. A slow sweep over all accounts is the
// safety net for what events cannot see (e.g. a node that died mid-way).
// Runs are coalesced per account: while one runs, further triggers mark the
// account dirty and it runs once more afterwards. Across nodes, a pass run for
// an event carries that event's seq, and ends at once when a pass of any node
// has already seen it (src/actions/routing/routing-snapshot.ts).
//
// Nothing slow holds the account's routing lock: a pass commits its
// assignments, then the notices for clients still waiting are written in
// their own transactions. A pass that leaves a conversation waiting only for
// its language (DESIGN §2) sets a timer for when that rule expires, so the
// conversation goes to anyone free then, not at the next sweep.
import type { Logger } from 'pino';
import { perform, type Services } from '../actions/context.js';
import { assignQueued } from '../actions/routing/assign-queued.js';
import { NOTICES_PER_PASS, notifyWaiting } from '../actions/routing/notify-waiting.js';
import { onLocalEvents } from '../events/bus.js';
import type { StoredEvent } from '../events/catalog.js';
import { metrics } from '../metrics.js';

const TRIGGERS = new Set<StoredEvent['type']>([
  'conversation.queued',
  'conversation.closed',
  'conversation.transferred',
  'operator.updated',
  'team.updated',
]);

function triggers(e: StoredEvent): boolean {
  if (TRIGGERS.has(e.type)) return true;
  // A queued conversation's language changed: it may now match someone free.
  return e.type === 'conversation.updated' && e.payload.conversation.state === 'queued';
}

export interface Router {
  /**
   * Routes an account now (coalesced); resolves when the run that covers this
   * call is done. `after`: the seq of the event that asks for it — the pass is
   * skipped if another one has seen that event; without it, a pass runs.
   */
  route(accountId: string, after?: number): Promise<void>;
  /** Routes every account that has a waiting conversation. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export function startRouter(services: Services, logger: Logger, sweepMs: number): Router {
  const running = new Map<string, Promise<void>>();
  /** Accounts to route again, with the highest trigger seq asked for (Infinity: in any case). */
  const dirty = new Map<string, number>();
  const noticing = new Map<string, Promise<void>>();
  const noticesDirty = new Set<string>();
  const wakeUps = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  let stopped = false;
  const scopeOf = (accountId: string) => ({ accountId, actor: { kind: 'system' as const } });

  async function runLoop(accountId: string): Promise<void> {
    do {
      const after = dirty.get(accountId) ?? Number.POSITIVE_INFINITY;
      dirty.delete(accountId);
      const trigger = Number.isFinite(after) ? after : null;
      const timer = metrics.routingPassDuration.startTimer();
      try {
        const { result } = await perform(services, scopeOf(accountId), (ctx) =>
          assignQueued(ctx, { trigger }),
        );
        metrics.routingPasses.inc({ result: result.skipped ?? 'ok' });
        // A full batch may leave more behind: go again.
        if (result.assigned > 0 && result.waiting > 0) want(accountId, Number.POSITIVE_INFINITY);
        if (result.waiting > 0) void notices(accountId);
        if (result.wakeAt !== null) wakeAt(accountId, result.wakeAt);
      } catch (error) {
        metrics.routingPasses.inc({ result: 'failed' });
        logger.error({ err: error, accountId }, 'routing failed; the sweep will retry');
      } finally {
        timer();
      }
    } while (dirty.has(accountId));
  }

  /** Writes the waiting clients' notices after a pass, a short transaction per batch. */
  function notices(accountId: string): Promise<void> {
    const current = noticing.get(accountId);
    if (current) {
      noticesDirty.add(accountId);
      return current;
    }
    const run = (async () => {
      do {
        noticesDirty.delete(accountId);
        try {
          const { result } = await perform(services, scopeOf(accountId), (ctx) =>
            notifyWaiting(ctx),
          );
          if (result.looked === NOTICES_PER_PASS) noticesDirty.add(accountId);
        } catch (error) {
          logger.error({ err: error, accountId }, 'queue notices failed; the next pass retries');
        }
      } while (noticesDirty.has(accountId) && !stopped);
    })().finally(() => noticing.delete(accountId));
    noticing.set(accountId, run);
    return run;
  }

  /** Routes the account again at `at` (the earliest of the times asked for). */
  function wakeAt(accountId: string, at: number) {
    const existing = wakeUps.get(accountId);
    if (stopped || (existing && existing.at <= at)) return;
    if (existing) clearTimeout(existing.timer);
    const delay = Math.max(0, at - services.now().getTime());
    const timer = setTimeout(() => {
      wakeUps.delete(accountId);
      void route(accountId);
    }, delay);
    timer.unref();
    wakeUps.set(accountId, { at, timer });
  }

  function want(accountId: string, after: number) {
    dirty.set(accountId, Math.max(dirty.get(accountId) ?? Number.NEGATIVE_INFINITY, after));
  }

  function route(accountId: string, after = Number.POSITIVE_INFINITY): Promise<void> {
    const current = running.get(accountId);
    want(accountId, after);
    if (current) return current;
    const run = runLoop(accountId).finally(() => running.delete(accountId));
    running.set(accountId, run);
    return run;
  }

  const unsubscribe = onLocalEvents(services.bus, (events) => {
    const asking = events.filter(triggers);
    if (asking.length > 0) void route(asking[0]!.accountId, Math.max(...asking.map((e) => e.seq)));
  });

  async function sweep() {
    const accounts = await services.db
      .selectFrom('conversations')
      .select('account_id')
      .distinct()
      .where('state', '=', 'queued')
      .execute();
    await Promise.all(accounts.map((a) => route(a.account_id)));
  }

  const timer = setInterval(
    () => void sweep().catch((err) => logger.error({ err }, 'routing sweep failed')),
    sweepMs,
  );
  timer.unref();

  return {
    route,
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      for (const w of wakeUps.values()) clearTimeout(w.timer);
      wakeUps.clear();
      await Promise.allSettled([...running.values(), ...noticing.values()]);
    },
  };
}
