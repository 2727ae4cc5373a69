// Live workspace state: the visible queue, my conversations, the client-waiting
// clock of each of mine, known contacts and the clients' typing drafts.
import type { MetricMessage } from '../../../src/domain/metrics/types';
import type { Contact, ConversationView, Me, MessageView } from '../api/types';
import { isSupervisor } from './session';
import { createStore } from './store';

export type ClockMessage = Pick<MetricMessage, 'seq' | 'author' | 'at'>;

export const queue = createStore<ReadonlyMap<string, ConversationView>>(new Map());
export const mine = createStore<ReadonlyMap<string, ConversationView>>(new Map());
/** Per conversation of mine: its messages reduced to what the waiting clock needs. */
export const clocks = createStore<ReadonlyMap<string, readonly ClockMessage[]>>(new Map());
/** Notes left with a transfer. They travel only in the live event, so they last for the session. */
export const transferNotes = createStore<
  ReadonlyMap<string, { fromOperatorId: string | null; note: string }>
>(new Map());
export const contacts = createStore<ReadonlyMap<string, Contact>>(new Map());
export const typing = createStore<ReadonlyMap<string, { draft: string | null; at: number }>>(
  new Map(),
);

export function toClock(m: Pick<MessageView, 'seq' | 'author' | 'createdAt'>): ClockMessage {
  return { seq: m.seq, author: m.author, at: Date.parse(m.createdAt) };
}

/** Whether a queued conversation belongs in this operator's queue view. */
export function visibleInQueue(me: Me, c: ConversationView): boolean {
  if (isSupervisor(me)) return true;
  return c.teamId === null || me.operator.teamIds.includes(c.teamId);
}

function withEntry<V>(map: ReadonlyMap<string, V>, id: string, value: V | null) {
  if (value === null && !map.has(id)) return map;
  const next = new Map(map);
  if (value === null) next.delete(id);
  else next.set(id, value);
  return next;
}

/** Places a conversation where its current state says it belongs. */
export function placeConversation(me: Me, c: ConversationView): void {
  const queued = c.state === 'queued' && visibleInQueue(me, c);
  const isMine = c.state === 'assigned' && c.operatorId === me.operator.id;
  queue.set((m) => withEntry(m, c.id, queued ? c : null));
  mine.set((m) => withEntry(m, c.id, isMine ? c : null));
  if (!isMine) clocks.set((m) => withEntry(m, c.id, null));
}

export function addClockMessage(conversationId: string, message: ClockMessage): void {
  clocks.set((m) => {
    if (!mine.get().has(conversationId)) return m;
    const list = m.get(conversationId) ?? [];
    if (list.some((x) => x.seq === message.seq)) return m;
    return withEntry(m, conversationId, [...list, message]);
  });
}

export function setClock(conversationId: string, messages: readonly ClockMessage[]): void {
  clocks.set((m) => withEntry(m, conversationId, [...messages]));
}

export function rememberContact(contact: Contact): void {
  contacts.set((m) => {
    const known = m.get(contact.id);
    if (
      known &&
      known.name === contact.name &&
      known.email === contact.email &&
      known.blocked === contact.blocked
    )
      return m;
    return withEntry(m, contact.id, contact);
  });
}

/** A preview disappears when the client stops typing; signals come every ~250 ms while they type. */
const TYPING_TTL_MS = 6000;
const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

export function setTyping(conversationId: string, draft: string | null, at: number): void {
  typing.set((m) => withEntry(m, conversationId, { draft, at }));
  const timer = typingTimers.get(conversationId);
  if (timer) clearTimeout(timer);
  typingTimers.set(
    conversationId,
    setTimeout(() => clearTyping(conversationId), TYPING_TTL_MS),
  );
}

export function clearTyping(conversationId: string): void {
  typing.set((m) => withEntry(m, conversationId, null));
}

export function replaceAll(queued: ConversationView[], own: ConversationView[]): void {
  queue.set(new Map(queued.map((c) => [c.id, c])));
  mine.set(new Map(own.map((c) => [c.id, c])));
  clocks.set((m) => new Map([...m].filter(([id]) => own.some((c) => c.id === id))));
}

export function setTransferNote(
  conversationId: string,
  fromOperatorId: string | null,
  note: string,
): void {
  transferNotes.set((m) => withEntry(m, conversationId, { fromOperatorId, note }));
}

/** Forgets everything of the previous operator (logout, another login in the same tab). */
export function resetWorkspace(): void {
  queue.set(new Map());
  mine.set(new Map());
  clocks.set(new Map());
  contacts.set(new Map());
  typing.set(new Map());
  transferNotes.set(new Map());
}
