// Messages the visitor wrote that the server has not acknowledged yet. They
// live in localStorage, so a reload, a closed tab or a network drop loses
// nothing; each keeps the clientKey it was born with, so however many times it
// is sent (two tabs, a retry after a lost ack) the server stores it once.
import type { Attachment, ChatMessage } from './messages.js';

/** The storage key of the queue (inside the widget's per-channel namespace). */
export const OUTBOX_KEY = 'outbox';

export interface OutboxItem {
  clientKey: string;
  text: string;
  createdAt: string;
  /** Failed attempts so far: the first failure turns "sending" into "will retry". */
  attempts: number;
  /** Uploads already stored, sent by id (the server takes name, type and size from its own row). */
  attachments?: Attachment[];
}

/** The slice of the Storage API the widget uses, so tests can pass a plain map. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readOutbox(store: KeyValueStore, key: string): OutboxItem[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isItem) : [];
  } catch {
    return [];
  }
}

function isItem(x: unknown): x is OutboxItem {
  const o = x as Partial<OutboxItem> | null;
  return (
    !!o &&
    typeof o.clientKey === 'string' &&
    typeof o.text === 'string' &&
    typeof o.createdAt === 'string'
  );
}

/**
 * Read-modify-write against storage each time (not a cached copy), so two tabs
 * of the same site editing the queue do not drop each other's messages.
 */
export function updateOutbox(
  store: KeyValueStore,
  key: string,
  change: (items: OutboxItem[]) => OutboxItem[],
): OutboxItem[] {
  const next = change(readOutbox(store, key));
  try {
    if (next.length === 0) store.removeItem(key);
    else store.setItem(key, JSON.stringify(next));
  } catch {
    // Storage full or disabled (private mode): the queue still works for this page.
  }
  return next;
}

export const enqueue = (item: OutboxItem) => (items: OutboxItem[]) =>
  items.some((i) => i.clientKey === item.clientKey) ? items : [...items, item];

export const dequeue = (clientKey: string) => (items: OutboxItem[]) =>
  items.filter((i) => i.clientKey !== clientKey);

export const markAttempt = (clientKey: string) => (items: OutboxItem[]) =>
  items.map((i) => (i.clientKey === clientKey ? { ...i, attempts: i.attempts + 1 } : i));

/** How a queued item shows in the list until the server has it. */
export function pendingMessage(item: OutboxItem): ChatMessage {
  return {
    id: null,
    clientKey: item.clientKey,
    conversationId: null,
    seq: null,
    author: 'contact',
    authorName: null,
    text: item.text,
    attachments: Array.isArray(item.attachments) ? item.attachments : [],
    createdAt: item.createdAt,
    state: item.attempts > 0 ? 'retry' : 'sending',
  };
}
