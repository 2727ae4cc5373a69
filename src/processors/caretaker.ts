// Auto-close of idle conversations (issue 17; the rule: src/domain/care/auto-close.ts,
// one conversation: src/actions/conversations/care-for-idle.ts).
//
// A sweep reads every open conversation whose last word was the operator's or
// the bot's (src/store/queries/idle.ts), decides each with the node's clock,
// acts on those due — warn the client, or close — and remembers the earliest
// moment one will be due; a timer wakes the node then, so warnings and closes
// come on time, not at the next sweep. Events move that moment: an operator
// or bot message can make a conversation due sooner than the timer (a channel
// with a short time), and a channel's changed setting sweeps at once. The
// periodic sweep (AUTO_CLOSE_SWEEP_MS) is the safety net for what a node did
// not hear. Several nodes may sweep the same conversations: the action locks
// the row, skips it when another holds it, and decides again under the lock,
// so a warning is written once and a close never follows a client message.
import type { Logger } from 'pino';
import { perform, type Services } from '../actions/context.js';
import { careForIdle } from '../actions/conversations/care-for-idle.js';
import { AUTO_CLOSE_WARNING_MS, autoCloseAfterMs, decideIdle } from '../domain/care/auto-close.js';
import { onLocalEvents } from '../events/bus.js';
import { idleCandidates } from '../store/queries/idle.js';

export interface Caretaker {
  /** Looks at every candidate now; resolves with how many were warned or closed. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export function startCaretaker(services: Services, logger: Logger, sweepMs: number): Caretaker {
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeAt = Number.POSITIVE_INFINITY;
  /** The shortest auto-close time of the channels seen: how soon a new operator message can be due. */
  let shortestMs: number | null = null;

  function wakeUpAt(at: number): void {
    if (stopped || at >= wakeAt) return;
    if (timer) clearTimeout(timer);
    wakeAt = at;
    timer = setTimeout(
      () => {
        timer = null;
        wakeAt = Number.POSITIVE_INFINITY;
        void sweep();
      },
      Math.max(0, at - services.now().getTime()),
    );
    timer.unref();
  }

  async function pass(): Promise<number> {
    const now = services.now().getTime();
    const candidates = await idleCandidates(services.db);
    let acted = 0;
    let next = now + sweepMs;
    let shortest: number | null = null;
    for (const c of candidates) {
      const afterMs = autoCloseAfterMs(c.channelKind, c.setting);
      if (afterMs !== null) shortest = Math.min(shortest ?? afterMs, afterMs);
      const decision = decideIdle({
        lastAuthor: c.lastAuthor,
        lastAt: c.lastAt.getTime(),
        warnedAt: c.warnedAt?.getTime() ?? null,
        afterMs,
        now,
      });
      if (decision.action === 'wait') next = Math.min(next, decision.at);
      if (decision.action !== 'warn' && decision.action !== 'close') continue;
      try {
        const { result } = await perform(
          services,
          { accountId: c.accountId, actor: { kind: 'system' } },
          (ctx) => careForIdle(ctx, { conversationId: c.conversationId }),
        );
        if (result.action === 'warn' || result.action === 'close') acted += 1;
        if (result.action === 'warn') next = Math.min(next, result.closeAt);
        if (result.action === 'busy') next = Math.min(next, now + 1000);
      } catch (error) {
        logger.error({ err: error, conversationId: c.conversationId }, 'auto-close failed');
      }
    }
    shortestMs = shortest;
    wakeUpAt(next);
    return acted;
  }

  /** One sweep at a time per node; a call during one runs another after it. */
  function sweep(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let acted = 0;
      do {
        again = false;
        try {
          acted += await pass();
        } catch (error) {
          logger.error({ err: error }, 'auto-close sweep failed');
        }
      } while (again && !stopped);
      return acted;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const unsubscribe = onLocalEvents(services.bus, (events) => {
    for (const e of events) {
      if (e.type === 'channel.updated') {
        void sweep();
      } else if (e.type === 'message.created') {
        const author = e.payload.message.author;
        if ((author === 'operator' || author === 'bot') && shortestMs !== null)
          wakeUpAt(Date.parse(e.payload.message.createdAt) + shortestMs - AUTO_CLOSE_WARNING_MS);
      }
    }
  });
  const interval = setInterval(() => void sweep(), sweepMs);
  interval.unref();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(interval);
      if (timer) clearTimeout(timer);
      unsubscribe();
      await running;
    },
  };
}
