// Audits every closed conversation (DESIGN §5). Event-driven: a committed
// `conversation.closed` queues the conversation at once. A periodic sweep is
// the safety net for what events cannot see — a node that died between the
// commit and the audit, conversations closed before the audit existed, and
// results of an older AUDIT_VERSION. The first sweep after start, and one an
// hour, checks every closed conversation; the others only what was closed
// since the last full one — at a million conversations a full check is most
// of a second of database time, a recent one a fraction of a millisecond.
// recordAudit is idempotent, so the two paths (and several nodes) may meet on
// the same conversation harmlessly.
// Audits run one at a time per node: they are off every client's path.
import type { Logger } from 'pino';
import { AUDIT_VERSION, recordAudit } from '../actions/audit/record-audit.js';
import { perform, type Services } from '../actions/context.js';
import { onLocalEvents } from '../events/bus.js';
import { staleAudits } from '../store/queries/audit.js';

export interface Auditor {
  /** Queues one conversation; resolves when its audit is done (or failed and logged). */
  audit(accountId: string, conversationId: string): Promise<void>;
  /**
   * Audits closed conversations without a current result — all of them, or
   * those closed since `closedSince`; resolves with how many were recorded.
   */
  sweep(closedSince?: Date | null): Promise<number>;
  /** Resolves when everything queued so far is done. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const SWEEP_BATCH = 200;
const FULL_SWEEP_MS = 60 * 60_000;
/** Close times come from the closing node's clock: recent sweeps look back this much further. */
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * What a periodic sweep checks: every closed conversation (null) first and
 * once an hour after the last full sweep that succeeded; otherwise what was
 * closed since that one began, with a margin for the nodes' clocks.
 */
export function periodicSweepSince(lastFullSweep: number | null, now: number): Date | null {
  if (lastFullSweep === null || now - lastFullSweep >= FULL_SWEEP_MS) return null;
  return new Date(lastFullSweep - CLOCK_MARGIN_MS);
}

export function startAuditor(services: Services, logger: Logger, sweepMs: number): Auditor {
  let chain: Promise<unknown> = Promise.resolve();
  const queued = new Map<string, Promise<boolean>>();

  async function run(accountId: string, conversationId: string): Promise<boolean> {
    try {
      const scope = { accountId, actor: { kind: 'system' as const } };
      const { result } = await perform(services, scope, (ctx) =>
        recordAudit(ctx, { conversationId }),
      );
      return result.recorded;
    } catch (error) {
      logger.error({ err: error, accountId, conversationId }, 'audit failed; the sweep will retry');
      return false;
    }
  }

  function enqueue(accountId: string, conversationId: string): Promise<boolean> {
    const current = queued.get(conversationId);
    if (current) return current;
    const next = chain.then(() => run(accountId, conversationId));
    const tracked = next.finally(() => queued.delete(conversationId));
    queued.set(conversationId, tracked);
    chain = tracked;
    return tracked;
  }

  const unsubscribe = onLocalEvents(services.bus, (events) => {
    for (const e of events) {
      if (e.type === 'conversation.closed') void enqueue(e.accountId, e.payload.conversation.id);
    }
  });

  async function sweep(closedSince: Date | null = null): Promise<number> {
    let recorded = 0;
    for (;;) {
      const batch = await staleAudits(services.db, AUDIT_VERSION, SWEEP_BATCH, closedSince);
      const done = await Promise.all(batch.map((c) => enqueue(c.accountId, c.conversationId)));
      const progress = done.filter(Boolean).length;
      recorded += progress;
      // Stop on a short batch, or when nothing moved (a conversation that keeps failing).
      if (batch.length < SWEEP_BATCH || progress === 0) return recorded;
    }
  }

  let sweeping: Promise<number> | null = null;
  let lastFullSweep: number | null = null;
  const timer = setInterval(() => {
    if (sweeping) return;
    const startedAt = services.now().getTime();
    const since = periodicSweepSince(lastFullSweep, startedAt);
    sweeping = sweep(since)
      .then((recorded) => {
        if (since === null) lastFullSweep = startedAt;
        return recorded;
      })
      .catch((err) => {
        logger.error({ err }, 'audit sweep failed');
        return 0;
      })
      .finally(() => {
        sweeping = null;
      });
  }, sweepMs);
  timer.unref();

  return {
    audit: async (accountId, conversationId) => {
      await enqueue(accountId, conversationId);
    },
    sweep,
    async idle() {
      while (queued.size > 0) await Promise.allSettled([...queued.values()]);
    },
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await Promise.allSettled([chain, sweeping]);
    },
  };
}
