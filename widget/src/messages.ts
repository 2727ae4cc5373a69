// The widget's message list: server messages of the current conversation plus
// the visitor's own not-yet-acknowledged ones. The same message can arrive up
// to four times (optimistic copy, ack, live event, REST catch-up after a
// reconnect); merging by server id and by the visitor's clientKey shows it once.
import type { MessageView } from '../../src/contract/views.js';

export type Author = MessageView['author'];
export type Attachment = MessageView['attachments'][number] & { url?: string };

/** sending: in flight; retry: an attempt failed, it will be sent again; failed: refused for good. */
export type DeliveryState = 'sending' | 'retry' | 'failed' | 'sent';

export interface ChatMessage {
  id: string | null;
  clientKey: string | null;
  conversationId: string | null;
  seq: number | null;
  author: Author;
  authorName: string | null;
  text: string;
  attachments: Attachment[];
  createdAt: string;
  state: DeliveryState;
  /** A bot's buttons (docs/bot.md): pressing one sends its label. */
  buttons?: { id: string; label: string }[];
}

export function fromServer(m: MessageView): ChatMessage {
  return {
    id: m.id,
    clientKey: m.clientKey,
    conversationId: m.conversationId,
    seq: m.seq,
    author: m.author,
    authorName: m.authorName,
    text: m.text,
    attachments: Array.isArray(m.attachments) ? m.attachments : [],
    createdAt: m.createdAt,
    state: 'sent',
    ...(m.buttons ? { buttons: m.buttons } : {}),
  };
}

/** A stable key for rendering: the visitor's own messages keep theirs from draft to sent. */
export function messageKey(m: ChatMessage): string {
  return m.author === 'contact' && m.clientKey ? `k:${m.clientKey}` : `i:${m.id ?? ''}`;
}

function same(a: ChatMessage, b: ChatMessage): boolean {
  if (a.id && b.id) return a.id === b.id;
  return messageKey(a) === messageKey(b);
}

/**
 * Adds or updates one message and keeps the order: committed messages by
 * sequence number, then pending ones in the order they were written. A pending
 * copy never overwrites a committed one.
 */
export function mergeMessage(list: readonly ChatMessage[], m: ChatMessage): ChatMessage[] {
  const i = list.findIndex((x) => same(x, m));
  const next = [...list];
  if (i < 0) next.push(m);
  else if (next[i]!.state === 'sent' && m.state !== 'sent') return next;
  else next[i] = { ...next[i]!, ...m };
  return next.sort(order);
}

function order(a: ChatMessage, b: ChatMessage): number {
  const sa = a.seq ?? Number.MAX_SAFE_INTEGER;
  const sb = b.seq ?? Number.MAX_SAFE_INTEGER;
  if (sa !== sb) return sa - sb;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

/** Highest committed sequence number: how far the visitor has seen. */
export function lastSeq(list: readonly ChatMessage[]): number {
  return list.reduce((max, m) => (m.seq !== null && m.seq > max ? m.seq : max), 0);
}

/**
 * The sequence number up to which the list has no gap, for "give me what came
 * after" catch-ups. Sequence numbers are gap-free per conversation, so a hole
 * (our own ack arrived before the messages around it were fetched) means there
 * is something to fetch below the highest number.
 */
export function contiguousSeq(list: readonly ChatMessage[]): number {
  const seen = new Set(list.map((m) => m.seq));
  let n = 0;
  while (seen.has(n + 1)) n++;
  return n;
}

/** Messages for the visitor to read: anything not written by the visitor after `seenSeq`. */
export function unreadCount(list: readonly ChatMessage[], seenSeq: number): number {
  return list.filter((m) => m.author !== 'contact' && m.seq !== null && m.seq > seenSeq).length;
}
