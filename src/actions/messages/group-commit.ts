// Group commit for messages. Concurrent sends of one account are gathered while
// the previous batch commits and written together in one transaction — a few
// set-based statements and one commit (one fsync) for the whole batch. A lone
// message waits for nothing: it is flushed at once. Each sender still gets its
// own acknowledgement, after the commit, or its own error.
import type { Logger } from 'pino';
import { AppError } from '../../errors.js';
import { type Actor, perform, type Scope, type Services } from '../context.js';
import {
  type ContactMessageInput,
  type ReceiveOutcome,
  receiveContactMessages,
} from './receive-contact-message.js';
import type { SendMessageResult } from './send-message.js';
import { type SendMessageInput, sendMessages } from './send-messages.js';

type Item =
  | { kind: 'send'; actor: Actor; input: SendMessageInput; done: Settle<SendMessageResult> }
  | { kind: 'receive'; actor: Actor; input: ContactMessageInput; done: Settle<ReceivedMessage> };

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

export function createGroupCommit(services: Services, logger: Logger): GroupCommit {
  const queues = new Map<string, Item[]>();
  const flushing = new Set<string>();

  function enqueue(accountId: string, item: Item) {
    const queue = queues.get(accountId) ?? [];
    queue.push(item);
    queues.set(accountId, queue);
    if (!flushing.has(accountId)) void drain(accountId);
  }

  async function drain(accountId: string) {
    flushing.add(accountId);
    try {
      for (
        let queue = queues.get(accountId);
        queue && queue.length > 0;
        queue = queues.get(accountId)
      ) {
        const batch = queue.splice(0, MAX_BATCH);
        await flush(accountId, batch);
      }
    } finally {
      flushing.delete(accountId);
      queues.delete(accountId);
    }
  }

  async function flush(accountId: string, batch: Item[]) {
    try {
      const results = await write(accountId, batch);
      for (const [i, item] of batch.entries()) settle(item, results[i]!);
    } catch (error) {
      if (batch.length === 1) return batch[0]!.done.reject(error);
      // A database error fails the whole transaction. Retry each message alone
      // so one bad message cannot take its neighbours down with it.
      logger.warn({ err: error, size: batch.length }, 'message batch failed; retrying one by one');
      for (const item of batch) await flush(accountId, [item]);
    }
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
        if (received.length > 0) {
          const outcomes = await receiveContactMessages(ctx, received);
          for (const [n, o] of outcomes.entries()) out[received[n]!.i] = o;
        }
        if (sent.length > 0) {
          const outcomes = await sendMessages(ctx, sent);
          for (const [n, o] of outcomes.entries()) out[sent[n]!.i] = o;
        }
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
          kind: 'send',
          actor: scope.actor,
          input,
          done: { resolve, reject },
        }),
      ),
    receive: (scope, input) =>
      new Promise((resolve, reject) =>
        enqueue(scope.accountId, {
          kind: 'receive',
          actor: scope.actor,
          input,
          done: { resolve, reject },
        }),
      ),
  };
}
