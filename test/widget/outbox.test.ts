// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  dequeue,
  enqueue,
  type KeyValueStore,
  markAttempt,
  type OutboxItem,
  pendingMessage,
  readOutbox,
  updateOutbox,
} from '../../widget/src/outbox.js';

// The browser's own localStorage (happy-dom), as the widget uses it.
const storage = (globalThis as unknown as { localStorage: KeyValueStore & { clear(): void } })
  .localStorage;

const item = (clientKey: string, text = clientKey): OutboxItem => ({
  clientKey,
  text,
  createdAt: '2025-01-01T10:00:00.000Z',
  attempts: 0,
});

describe('the offline outbox', () => {
  beforeEach(() => storage.clear());

  it('keeps queued messages in storage, in the order they were written', () => {
    updateOutbox(storage, 'outbox', enqueue(item('a')));
    updateOutbox(storage, 'outbox', enqueue(item('b')));
    // A new page (a reload) reads the same queue.
    expect(readOutbox(storage, 'outbox').map((i) => i.clientKey)).toEqual(['a', 'b']);
  });

  it('queues a message once even if it is added twice', () => {
    updateOutbox(storage, 'outbox', enqueue(item('a')));
    updateOutbox(storage, 'outbox', enqueue(item('a', 'changed')));
    expect(readOutbox(storage, 'outbox')).toEqual([item('a')]);
  });

  it('removes a message once the server acknowledged it, and the key when empty', () => {
    updateOutbox(storage, 'outbox', enqueue(item('a')));
    updateOutbox(storage, 'outbox', enqueue(item('b')));
    updateOutbox(storage, 'outbox', dequeue('a'));
    expect(readOutbox(storage, 'outbox').map((i) => i.clientKey)).toEqual(['b']);
    updateOutbox(storage, 'outbox', dequeue('b'));
    expect(storage.getItem('outbox')).toBeNull();
  });

  it("does not lose another tab's message: every change re-reads storage", () => {
    updateOutbox(storage, 'outbox', enqueue(item('tab1')));
    // Another tab writes directly to storage in between.
    storage.setItem('outbox', JSON.stringify([...readOutbox(storage, 'outbox'), item('tab2')]));
    updateOutbox(storage, 'outbox', enqueue(item('tab1-second')));
    expect(readOutbox(storage, 'outbox').map((i) => i.clientKey)).toEqual([
      'tab1',
      'tab2',
      'tab1-second',
    ]);
  });

  it('shows "sending" first and "will retry" after a failed attempt', () => {
    updateOutbox(storage, 'outbox', enqueue(item('a')));
    expect(pendingMessage(readOutbox(storage, 'outbox')[0]!).state).toBe('sending');
    updateOutbox(storage, 'outbox', markAttempt('a'));
    const [again] = readOutbox(storage, 'outbox');
    expect(again!.attempts).toBe(1);
    expect(pendingMessage(again!)).toMatchObject({
      state: 'retry',
      clientKey: 'a',
      author: 'contact',
      id: null,
      seq: null,
    });
  });

  it('ignores corrupt storage instead of failing the widget', () => {
    storage.setItem('outbox', '{not json');
    expect(readOutbox(storage, 'outbox')).toEqual([]);
    storage.setItem('outbox', JSON.stringify([{ clientKey: 1 }, item('ok'), null]));
    expect(readOutbox(storage, 'outbox')).toEqual([item('ok')]);
  });

  it('still works when storage refuses writes (quota, private mode)', () => {
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(updateOutbox(full, 'outbox', enqueue(item('a')))).toEqual([item('a')]);
  });
});
