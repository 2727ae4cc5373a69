// Keeps the workspace in step with the server: REST snapshot on connect or
// resync, then websocket events applied by one small handler per event type.
import { api } from '../api/client';
import { RealtimeClient, type RealtimeStatus } from '../api/realtime';
import type {
  ConversationDetail,
  ConversationPage,
  ConversationView,
  Me,
  MessageList,
  StoredEvent,
} from '../api/types';
import {
  loadReference,
  removeOperator,
  upsertChannel,
  upsertOperator,
  upsertTeam,
} from './reference';
import { currentMe, refreshSession, session, updateAccount, updateMe } from './session';
import { createStore } from './store';
import { currentTime } from './ticker';
import {
  addClockMessage,
  clearTyping,
  mine,
  placeConversation,
  rememberContact,
  replaceAll,
  resetWorkspace,
  setClock,
  setTransferNote,
  setTyping,
  toClock,
} from './workspace';

export const connection = createStore<RealtimeStatus>('connecting');
const SETTINGS_REFRESH_MS = 60_000;
/** Bumped after every full refetch, so open views reload what they show. */
export const generation = createStore(0);

type Listener = (event: StoredEvent) => void;
const listeners = new Set<Listener>();

/** Views that show one conversation listen here for its events. */
export function onEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface AssignmentNotice {
  conversation: ConversationView;
}
type AssignListener = (notice: AssignmentNotice) => void;
const assignListeners = new Set<AssignListener>();

/** Fired when a conversation becomes mine without my own click (router, supervisor, transfer). */
export function onAssignedToMe(listener: AssignListener): () => void {
  assignListeners.add(listener);
  return () => assignListeners.delete(listener);
}

type Handlers = {
  [K in StoredEvent['type']]?: (me: Me, event: Extract<StoredEvent, { type: K }>) => void;
};

const recentlyNotified = new Map<string, number>();

function notifyAssigned(conversation: ConversationView): void {
  // A transfer may emit both `transferred` and `assigned`: one chime is enough.
  const last = recentlyNotified.get(conversation.id) ?? 0;
  if (currentTime() - last < 5000) return;
  recentlyNotified.set(conversation.id, currentTime());
  for (const l of assignListeners) l({ conversation });
}

const place = (me: Me, e: { payload: { conversation: ConversationView } }) =>
  placeConversation(me, e.payload.conversation);

const handlers: Handlers = {
  'conversation.created': place,
  'conversation.queued': place,
  'conversation.updated': place,
  'conversation.closed': place,
  'conversation.flagged': place,
  'conversation.assigned': (me, e) => {
    const wasMine = mine.get().has(e.payload.conversation.id);
    place(me, e);
    if (e.payload.operatorId !== me.operator.id || wasMine) return;
    void loadOwnDetails(e.payload.conversation.id);
    if (e.payload.by !== 'take') notifyAssigned(e.payload.conversation);
  },
  'conversation.transferred': (me, e) => {
    const wasMine = mine.get().has(e.payload.conversation.id);
    place(me, e);
    const c = e.payload.conversation;
    if (e.payload.note) setTransferNote(c.id, e.payload.fromOperatorId, e.payload.note);
    if (c.state === 'assigned' && c.operatorId === me.operator.id && !wasMine) {
      void loadOwnDetails(c.id);
      notifyAssigned(c);
    }
  },
  'message.created': (_me, e) => {
    const m = e.payload.message;
    addClockMessage(m.conversationId, toClock(m));
    if (m.author === 'contact') clearTyping(m.conversationId);
  },
  'contact.updated': (_me, e) => {
    const { contactId, name, email, blocked } = e.payload;
    rememberContact({ id: contactId, name, email, blocked });
  },
  'operator.updated': (me, e) => {
    const op = e.payload.operator;
    upsertOperator(op);
    updateMe(op);
    // New teams or a new role change which queues I may see: fetch them again.
    if (
      op.id === me.operator.id &&
      (op.role !== me.operator.role || op.teamIds.join() !== me.operator.teamIds.join())
    ) {
      const updated = currentMe();
      if (updated) void refetch(updated);
    }
  },
  'operator.removed': (_me, e) => removeOperator(e.payload.operatorId),
  'account.updated': (_me, e) => updateAccount(e.payload.account),
  'team.updated': (_me, e) => upsertTeam(e.payload.team),
  'channel.updated': (_me, e) => upsertChannel(e.payload.channel),
};

function apply(event: StoredEvent): void {
  const me = currentMe();
  if (!me) return;
  const handler = handlers[event.type] as ((me: Me, e: StoredEvent) => void) | undefined;
  handler?.(me, event);
  for (const l of listeners) l(event);
}

/** Messages and contact of one of my conversations, for its waiting clock and name. */
export async function loadOwnDetails(conversationId: string): Promise<void> {
  try {
    const [{ messages }, detail] = await Promise.all([
      api.get<MessageList>(`/conversations/${conversationId}/messages?limit=1000`),
      api.get<ConversationDetail>(`/conversations/${conversationId}`),
    ]);
    setClock(conversationId, messages.map(toClock));
    if (detail.contact) rememberContact(detail.contact);
  } catch {
    // It was closed or moved meanwhile; the next event places it.
  }
}

let buffering = true;
let buffered: StoredEvent[] = [];

async function refetch(me: Me): Promise<void> {
  buffering = true;
  try {
    const [queued, own] = await Promise.all([
      api.get<ConversationPage>('/conversations?state=queued&limit=5000'),
      api.get<ConversationPage>('/conversations?state=assigned&mine=true'),
      loadReference(),
    ]);
    replaceAll(
      queued.conversations.filter((c) => c.state === 'queued'),
      own.conversations.filter((c) => c.operatorId === me.operator.id),
    );
    await Promise.all(own.conversations.map((c) => loadOwnDetails(c.id)));
  } finally {
    // Events that arrived during the fetch are newer than (or equal to) the snapshot.
    buffering = false;
    const pending = buffered;
    buffered = [];
    for (const e of pending) apply(e);
    generation.set((g) => g + 1);
  }
}

let client: RealtimeClient | null = null;

export function startSync(): () => void {
  client?.stop();
  buffering = true;
  buffered = [];
  const rt = new RealtimeClient({
    onReady(fresh) {
      const me = currentMe();
      if (fresh && me) void refetch(me);
    },
    onEvent(event) {
      if (buffering) buffered.push(event);
      else apply(event);
    },
    onTyping(conversationId, author, draft) {
      if (author === 'contact') setTyping(conversationId, draft, currentTime());
    },
    onStatus: (status) => connection.set(status),
    onUnauthenticated: () => session.set({ phase: 'anonymous' }),
  });
  client = rt;
  rt.start();
  // Account, team and channel changes arrive as events; categories and canned
  // responses have none: refresh them now and then, and whenever the operator
  // comes back to the tab.
  const refresh = () => void Promise.all([refreshSession(), loadReference()]).catch(() => {});
  const timer = setInterval(refresh, SETTINGS_REFRESH_MS);
  const onVisible = () => document.visibilityState === 'visible' && refresh();
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    rt.stop();
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
    if (client === rt) client = null;
    resetWorkspace();
  };
}

export function realtime(): RealtimeClient | null {
  return client;
}
