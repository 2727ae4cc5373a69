// Group commit for messages. Concurrent sends of one account are gathered while
// the previous batch commits and written together in one transaction — a few
// set-based statements and one commit (one fsync) for the whole batch. A lone
// message waits for nothing: it is flushed at once. Each sender still gets its
// own acknowledgement, after the commit, or its own error.
import type { Logger } from 'pino';
import { AppError } from '../../errors.js';
import { metrics } from '../../metrics.js';
import { type Actor, perform, type Scope, type Services } from '../context.js';
import {
  type ContactMessageInput,
  type ReceiveOutcome,
  receiveAlongside,
} from './receive-contact-message.js';
import type { SendMessageResult } from './send-message.js';
import type { SendMessageInput, sendMessages } from './send-messages.js';

type Item = { queuedAt: number } & (
  | { kind: 'send'; actor: Actor; input: SendMessageInput; done: Settle<SendMessageResult> }
  | { kind: 'receive'; actor: Actor; input: ContactMessageInput; done: Settle<ReceivedMessage> }
);

export type ReceivedMessage = Extract<ReceiveOutcome, { ok: true }>['result'];

interface Settle<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

export interface GroupCommit {
  /** An operator's (or the system's) message into a known conversation. */
  send(scope: Scope, input: SendMessageInput): Promise<SendMessageResult>;
  /** A client's message: into their open conversation on the channel, or a new one. */
  receive(scope: Scope, input: ContactMessageInput): Promise<ReceivedMessage>;
}

/** Large enough to amortise a commit, small enough to keep locks and latency short. */
const MAX_BATCH = 500;

export interface GroupCommitOptions {
  /**
   * Batches of one account in flight at once: a few let one batch do its
   * reads while another waits for its commit.
   */
  concurrency?: number;
}

/**
 * What must stay in order: one client's messages on one channel, one
 * conversation's operator messages. Items with a key already in flight wait
 * for the next batch, so a later message never overtakes an earlier one.
 */
function orderKey(item: Item): string {
  return item.kind === 'send'
    ? `conversation:${item.input.conversationId}`
    : `contact:${item.input.channelId}:${item.input.contactId}`;
}

export function createGroupCommit(
  services: Services,
  logger: Logger,
  options: GroupCommitOptions = {},
): GroupCommit {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const queues = new Map<string, Item[]>();
  const inFlight = new Map<string, { batches: number; keys: Set<string> }>();

  function enqueue(accountId: string, item: Item) {
    const queue = queues.get(accountId) ?? [];
    queue.push(item);
    queues.set(accountId, queue);
    pump(accountId);
  }

  /** Starts batches while there is room and work that may go. */
  function pump(accountId: string) {
    const queue = queues.get(accountId);
    let state = inFlight.get(accountId);
    if (!state) {
      state = { batches: 0, keys: new Set() };
      inFlight.set(accountId, state);
    }
    while (queue && queue.length > 0 && state.batches < concurrency) {
      const batch = take(queue, state.keys);
      if (batch.length === 0) break;
      const keys = new Set(batch.map(orderKey));
      for (const k of keys) state.keys.add(k);
      state.batches += 1;
      const running = state;
      void flush(accountId, batch).finally(() => {
        running.batches -= 1;
        for (const k of keys) running.keys.delete(k);
        pump(accountId);
      });
    }
    if (state.batches === 0 && (!queue || queue.length === 0)) {
      queues.delete(accountId);
      inFlight.delete(accountId);
    }
  }

  /** Removes and returns the queue's items whose order key is not in flight, oldest first. */
  function take(queue: Item[], busy: ReadonlySet<string>): Item[] {
    const batch: Item[] = [];
    const rest: Item[] = [];
    for (const item of queue) {
      if (batch.length < MAX_BATCH && !busy.has(orderKey(item))) batch.push(item);
      else rest.push(item);
    }
    queue.length = 0;
    for (const item of rest) queue.push(item);
    return batch;
  }

  async function flush(accountId: string, batch: Item[]) {
    const started = performance.now();
    for (const item of batch)
      metrics.messageBatch.observe({ phase: 'wait' }, (started - item.queuedAt) / 1000);
    try {
      const results = await write(accountId, batch);
      metrics.messageBatch.observe({ phase: 'write' }, (performance.now() - started) / 1000);
      for (const [i, item] of batch.entries()) settle(item, results[i]!);
    } catch (error) {
      // The database is away (already waited for, bounded): every sender hears so.
      if (
        batch.length === 1 ||
        (error instanceof AppError && error.code === 'database_unavailable')
      )
        return rejectAll(batch, error);
      // A database error fails the whole transaction. Retry each message alone
      // so one bad message cannot take its neighbours down with it.
      logger.warn({ err: error, size: batch.length }, 'message batch failed; retrying one by one');
      for (const item of batch) await flush(accountId, [item]);
    }
  }

  function rejectAll(batch: Item[], error: unknown) {
    for (const item of batch) item.done.reject(error);
  }

  async function write(accountId: string, batch: Item[]) {
    const { result } = await perform(
      services,
      { accountId, actor: { kind: 'system' } },
      async (ctx) => {
        const received = batch.flatMap((item, i) =>
          item.kind === 'receive' ? [{ i, actor: item.actor, input: item.input }] : [],
        );
        const sent = batch.flatMap((item, i) =>
          item.kind === 'send' ? [{ i, actor: item.actor, input: item.input }] : [],
        );
        const out: (ReceiveOutcome | Awaited<ReturnType<typeof sendMessages>>[number])[] =
          new Array(batch.length);
        // One pass for both kinds: one lock, one author lookup, one write.
        const outcomes = await receiveAlongside(ctx, received, sent);
        for (const [n, o] of outcomes.received.entries()) out[received[n]!.i] = o;
        for (const [n, o] of outcomes.alongside.entries()) out[sent[n]!.i] = o;
        return out;
      },
    );
    return result;
  }

  function settle(
    item: Item,
    outcome: ReceiveOutcome | Awaited<ReturnType<typeof sendMessages>>[number],
  ) {
    if (!outcome.ok) return item.done.reject(outcome.error);
    if (item.kind === 'receive' && 'result' in outcome) return item.done.resolve(outcome.result);
    if (item.kind === 'send' && 'message' in outcome)
      return item.done.resolve({ message: outcome.message, duplicate: outcome.duplicate });
    item.done.reject(new AppError('internal'));
  }

  return {
    send: (scope, input) =>
      new Promise((resolve, reject) =>
        enqueue(scope.accountId, {
          queuedAt: performance.now(),
          kind: 'send',
          actor: scope.actor,
          input,
          done: { resolve, reject },
        }),
      ),
    receive: (scope, input) =>
      new Promise((resolve, reject) =>
        enqueue(scope.accountId, {
          queuedAt: performance.now(),
          kind: 'receive',
          actor: scope.actor,
          input,
          done: { resolve, reject },
        }),
      ),
  };
}
