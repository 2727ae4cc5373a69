// The widget's state and its conversation with the server: visitor session,
// catch-up after every (re)connect, live events, typing, rating and "go to URL";
// sending is delivery.ts. The view only reads `state` and calls these methods.
import type { ConversationView, MessageView } from '../../src/presenters.js';
import type { ServerMessage, VisitorEvent } from '../../src/realtime/protocol.js';
import { ApiError, createApi, transient } from './api.js';
import { createDelivery } from './delivery.js';
import { createDraftSender } from './draft.js';
import { safeHref } from './links.js';
import { contiguousSeq, fromServer, lastSeq, mergeMessage, unreadCount } from './messages.js';
import { navigateIsFresh, navigationTarget } from './nav.js';
import {
  dequeue,
  enqueue,
  OUTBOX_KEY,
  type OutboxItem,
  pendingMessage,
  readOutbox,
  updateOutbox,
} from './outbox.js';
import { createSocket } from './socket.js';
import { readJson, writeJson } from './storage.js';
import type { Chat, ChatOptions, ChatState, Conversation } from './types.js';

/** The operator's "typing" fades unless renewed (they send it every few hundred ms while typing). */
const TYPING_SHOWN_MS = 6000;
/** How often an open conversation is fetched over REST while the socket is down. */
const POLL_MS = 10_000;
/** A token older than this is renewed when the widget loads. */
const TOKEN_RENEW_MS = 24 * 60 * 60 * 1000;

export function createChat(options: ChatOptions): Chat {
  const { base, channelKey, config, store } = options;
  let token = store.getItem('token');
  // Where to resume: the last event seq applied (a widget from before seqs kept an event id).
  let resumeSeq = toNumber(store.getItem('lastSeq'));
  const legacyEventId = resumeSeq === null ? toNumber(store.getItem('lastEvent')) : null;
  const listeners: (() => void)[] = [];
  const state: ChatState = {
    open: store.getItem('open') === '1',
    conversation: readJson<Conversation>(store, 'conv'),
    messages: readOutbox(store, OUTBOX_KEY).map(pendingMessage),
    unread: 0,
    operatorTyping: false,
    notice: null,
    needIntro: !token && (config.preChatForm.name || config.preChatForm.email),
    feedback: null,
  };
  const api = createApi(base, () => token);
  /** Events before 'ready' are replays of what was missed; after it, live. */
  let live = false;
  let typingTimer = 0;

  const socket = createSocket({
    url: () =>
      token &&
      `${base.replace(/^http/, 'ws')}/api/v1/visitor/ws?token=${encodeURIComponent(token)}`,
    resumeFrom: () =>
      resumeSeq !== null
        ? { lastSeq: resumeSeq }
        : legacyEventId !== null
          ? { lastEventId: legacyEventId }
          : null,
    onMessage,
    onDown(code) {
      live = false;
      delivery.abandon();
      if (!navigator.onLine) notice('offline');
      if (code === 4401) void renewSession();
    },
  });

  function changed() {
    const c = state.conversation;
    const seen = readJson<{ c: string; s: number }>(store, 'seen');
    if (state.open && c) writeJson(store, 'seen', { c: c.id, s: lastSeq(state.messages) });
    state.unread = state.open
      ? 0
      : unreadCount(state.messages, seen?.c === c?.id ? (seen?.s ?? 0) : 0);
    for (const l of listeners) l();
  }

  function notice(n: ChatState['notice']) {
    state.notice = n;
    changed();
  }

  function setConversation(c: Conversation | null) {
    const prev = state.conversation;
    if (c && prev?.id !== c.id) {
      // Another conversation: the list shows only it, plus what the visitor still has to send.
      state.messages = state.messages.filter((m) => m.state !== 'sent');
      state.operatorTyping = false;
      state.feedback = null;
    }
    state.conversation = c;
    writeJson(store, 'conv', c);
  }

  /** Takes committed messages from any source (ack, event, catch-up) exactly once. */
  function accept(views: MessageView[]) {
    for (const view of views) {
      const c = state.conversation;
      if (c?.id !== view.conversationId) {
        const ours = !!view.clientKey && state.messages.some((m) => m.clientKey === view.clientKey);
        // The server opens a new conversation only when the old one is closed, so
        // our own message landing elsewhere means that happened, even if we missed it.
        if (c && c.state !== 'closed' && !ours) {
          void sync();
          continue;
        }
        setConversation({ id: view.conversationId, state: 'queued', rating: null });
        void sync();
      }
      state.messages = mergeMessage(state.messages, fromServer(view));
      if (view.author === 'contact' && view.clientKey)
        updateOutbox(store, OUTBOX_KEY, dequeue(view.clientKey));
      if (view.author === 'operator') state.operatorTyping = false;
    }
    changed();
  }

  let syncing: Promise<void> | null = null;
  let syncAgain = false;
  /** Brings the conversation and its messages up to date over REST (after every connect). */
  function sync(): Promise<void> {
    if (syncing) {
      syncAgain = true;
      return syncing;
    }
    syncing = (async () => {
      do {
        syncAgain = false;
        if (!token) return;
        try {
          const { conversations } = await api<{ conversations: ConversationView[] }>(
            'GET',
            '/visitor/conversations',
          );
          const newest = conversations[0];
          if (newest)
            setConversation({ id: newest.id, state: newest.state, rating: newest.rating });
          const c = state.conversation;
          if (!c) continue;
          const { messages } = await api<{ messages: MessageView[] }>(
            'GET',
            `/visitor/conversations/${c.id}/messages?afterSeq=${contiguousSeq(state.messages)}`,
          );
          if (state.conversation?.id === c.id) accept(messages);
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) await renewSession();
        }
      } while (syncAgain);
      changed();
    })().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  let sessionCall: Promise<void> | null = null;
  /** The last token the server refused, offered once more when asking for a new one. */
  let refused: string | null = null;
  /**
   * A token for the visitor, asked for only when needed (page views create no
   * contacts). Concurrent callers share one request, so one visitor never
   * becomes two contacts.
   */
  function ensureSession(profile?: { name?: string; email?: string }): Promise<void> {
    if (token && !profile) return Promise.resolve();
    if (sessionCall && !profile) return sessionCall;
    const previous = token ?? refused;
    sessionCall = api<{ token: string }>('POST', '/widget/session', {
      channelKey,
      // The old token lets the server keep the same visitor when it still can.
      ...(previous ? { token: previous } : {}),
      ...profile,
    })
      .then((res) => {
        token = res.token;
        refused = null;
        store.setItem('token', token);
        store.setItem('tokenAt', String(Date.now()));
        socket.start();
      })
      .finally(() => {
        sessionCall = null;
      });
    return sessionCall;
  }

  /** The token was refused (secret rotated, channel moved): ask for a fresh one. */
  function dropToken() {
    if (token) refused = token;
    token = null;
  }

  async function renewSession() {
    dropToken();
    await ensureSession().catch(() => {
      // Offline or limited: the next send or reconnect asks again.
    });
  }

  const delivery = createDelivery({
    store,
    socket,
    api,
    ensureSession: () => ensureSession(),
    onSent(message) {
      accept([message]);
      if (state.notice) notice(null);
    },
    onFailed(clientKey, s, e) {
      state.messages = state.messages.map((m) =>
        m.clientKey === clientKey && m.state !== 'sent' ? { ...m, state: s } : m,
      );
      if (e instanceof ApiError && e.code === 'rate_limited') state.notice = 'limited';
      else if (!navigator.onLine) state.notice = 'offline';
      changed();
    },
    onUnauthenticated: dropToken,
  });
  const draft = createDraftSender(socket, config.typingPreview, () => {
    const c = state.conversation;
    return c && c.state !== 'closed' ? c.id : null;
  });

  function onMessage(m: ServerMessage) {
    switch (m.type) {
      case 'ready':
        remember(m.lastSeq);
        live = true;
        if (state.notice === 'offline') notice(null);
        void sync().then(delivery.flush);
        return;
      case 'resync':
        remember(m.lastSeq);
        void sync();
        return;
      case 'event':
        onEvent(m.event as VisitorEvent);
        return;
      case 'typing':
        if (m.author !== 'operator' || m.conversationId !== state.conversation?.id) return;
        state.operatorTyping = true;
        clearTimeout(typingTimer);
        typingTimer = window.setTimeout(() => {
          state.operatorTyping = false;
          changed();
        }, TYPING_SHOWN_MS);
        changed();
        return;
      case 'ack':
      case 'error':
        delivery.settle(m);
        return;
    }
  }

  function remember(seq: number) {
    resumeSeq = seq;
    store.setItem('lastSeq', String(seq));
  }

  function onEvent(e: VisitorEvent) {
    // Remembered first: a navigate below may unload the page, and must not replay on the next one.
    remember(e.seq);
    const p = e.payload;
    if (e.type === 'message.created') return accept([p.message as MessageView]);
    if (e.type === 'visitor.navigate') {
      const target = navigationTarget(p.url, location.href, config.allowedOrigins);
      if (
        e.conversationId === state.conversation?.id &&
        target &&
        navigateIsFresh(e.at, Date.now(), live)
      )
        options.navigate(target);
      return;
    }
    const c = p.conversation as Pick<ConversationView, 'id' | 'state'> | undefined;
    if (!c) return;
    const current = state.conversation;
    if (current?.id === c.id) setConversation({ ...current, state: c.state });
    else if (!current || current.state === 'closed')
      setConversation({ id: c.id, state: c.state, rating: null });
    else void sync();
    changed();
  }

  window.addEventListener('online', () => {
    if (state.notice === 'offline') notice(null);
    if (!token && refused) void renewSession();
    delivery.resume();
  });
  window.addEventListener('offline', () => notice('offline'));

  const hasWork = () =>
    state.open ||
    (state.conversation !== null && state.conversation.state !== 'closed') ||
    readOutbox(store, OUTBOX_KEY).length > 0;
  // The server refuses a token left unused too long (VISITOR_TOKEN_IDLE_DAYS);
  // renewing it once a day on load keeps a returning visitor's session alive.
  if (token && Date.now() - Number(store.getItem('tokenAt') ?? 0) > TOKEN_RENEW_MS)
    void renewSession();
  else if (token && hasWork()) socket.start();
  if (readOutbox(store, OUTBOX_KEY).length > 0) void delivery.flush();
  // While the socket is down (reconnecting, or blocked by a proxy) replies still
  // arrive: an open conversation is polled over REST until the socket is back.
  window.setInterval(() => {
    const c = state.conversation;
    if (token && !socket.ready && navigator.onLine && c && c.state !== 'closed') void sync();
  }, POLL_MS);

  return {
    state,
    subscribe: (l) => void listeners.push(l),
    setOpen(open) {
      state.open = open;
      store.setItem('open', open ? '1' : '0');
      if (open && token) socket.start();
      changed();
    },
    send(raw) {
      const text = raw.trim();
      if (!text) return;
      const item: OutboxItem = {
        clientKey: newKey(),
        text,
        createdAt: new Date().toISOString(),
        attempts: navigator.onLine ? 0 : 1,
      };
      updateOutbox(store, OUTBOX_KEY, enqueue(item));
      state.messages = mergeMessage(state.messages, pendingMessage(item));
      draft.cancel();
      if (!navigator.onLine) state.notice = 'offline';
      changed();
      void delivery.flush();
    },
    draft: (text) => draft.update(text),
    async introduce(name, email) {
      try {
        await ensureSession({ ...(name ? { name } : {}), ...(email ? { email } : {}) });
        state.needIntro = false;
        changed();
      } catch (e) {
        notice(e instanceof ApiError && e.code === 'rate_limited' ? 'limited' : 'offline');
      }
    },
    async rate(rating, comment) {
      const c = state.conversation;
      if (!c) return;
      try {
        await api('POST', `/visitor/conversations/${c.id}/rating`, {
          rating,
          ...(comment ? { comment } : {}),
        });
        setConversation({ ...c, rating });
        state.feedback = comment === undefined ? 'comment' : 'thanks';
        changed();
      } catch (e) {
        notice(transient(e) ? 'offline' : null);
      }
    },
    async end() {
      const c = state.conversation;
      if (!c || c.state === 'closed') return;
      try {
        await api('POST', `/visitor/conversations/${c.id}/close`);
        setConversation({ ...c, state: 'closed' });
        changed();
      } catch {
        notice('offline');
      }
    },
    attachmentUrl(a) {
      if (typeof a.url === 'string') return safeHref(new URL(a.url, base).href);
      if (!token) return null;
      // <img> cannot send an Authorization header: the token goes in the query, as for the socket.
      return `${base}/api/v1/uploads/${encodeURIComponent(a.id)}?token=${encodeURIComponent(token)}`;
    },
  };
}

function toNumber(s: string | null): number | null {
  const n = s === null ? Number.NaN : Number(s);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** An idempotency key; crypto.randomUUID exists only on https pages, getRandomValues everywhere. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `w-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
