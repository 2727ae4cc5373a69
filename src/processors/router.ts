// Runs the router when something changed that can let a conversation be
// assigned (DESIGN §2: on queue, close, transfer, operator online, limit
// raised, team joined) — not on a timer. A slow sweep over all accounts is the
// safety net for what events cannot see (e.g. a node that died mid-way).
// Runs are coalesced per account: while one runs, further triggers mark the
// account dirty and it runs once more afterwards.
import type { Logger } from 'pino';
import { perform, type Services } from '../actions/context.js';
import { assignQueued } from '../actions/routing/assign-queued.js';
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
  /** Routes an account now (coalesced); resolves when the run that covers this call is done. */
  route(accountId: string): Promise<void>;
  /** Routes every account that has a waiting conversation. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export function startRouter(services: Services, logger: Logger, sweepMs: number): Router {
  const running = new Map<string, Promise<void>>();
  const dirty = new Set<string>();

  async function runLoop(accountId: string): Promise<void> {
    do {
      dirty.delete(accountId);
      const timer = metrics.routingPassDuration.startTimer();
      try {
        const scope = { accountId, actor: { kind: 'system' as const } };
        const { result } = await perform(services, scope, (ctx) => assignQueued(ctx));
        metrics.routingPasses.inc({ result: 'ok' });
        // A full batch may leave more behind: go again.
        if (result.assigned > 0 && result.waiting > 0) dirty.add(accountId);
      } catch (error) {
        metrics.routingPasses.inc({ result: 'failed' });
        logger.error({ err: error, accountId }, 'routing failed; the sweep will retry');
      } finally {
        timer();
      }
    } while (dirty.has(accountId));
  }

  function route(accountId: string): Promise<void> {
    const current = running.get(accountId);
    if (current) {
      dirty.add(accountId);
      return current;
    }
    const run = runLoop(accountId).finally(() => running.delete(accountId));
    running.set(accountId, run);
    return run;
  }

  const unsubscribe = onLocalEvents(services.bus, (events) => {
    if (events.some(triggers)) void route(events[0]!.accountId);
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
      clearInterval(timer);
      unsubscribe();
      await Promise.allSettled([...running.values()]);
    },
  };
}
