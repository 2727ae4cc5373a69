// The widget's state and its conversation with the server: visitor session,
// catch-up after every (re)connect, live events, typing, rating and "go to URL";
// sending is delivery.ts. The view only reads `state` and calls these methods.
import type { VisitorEventConversation } from '../../src/contract/events.js';
import type { MessageView } from '../../src/contract/views.js';
import type { VisitorConversations, VisitorMessages } from '../../src/contract/visitor.js';
import type { ServerMessage, VisitorEvent } from '../../src/realtime/protocol.js';
import { ApiError, createApi, transient } from './api.js';
import { createDelivery } from './delivery.js';
import { createDraftSender } from './draft.js';
import { createAttacher } from './files.js';
import { addLine, readLines } from './lines.js';
import { safeHref } from './links.js';
import {
  type Attachment,
  contiguousSeq,
  fromServer,
  lastSeq,
  mergeMessage,
  unreadCount,
} from './messages.js';
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
import { createPageReporter } from './page-context.js';
import { createSession } from './session.js';
import { createSocket } from './socket.js';
import { readJson, writeJson } from './storage.js';
import type { Chat, ChatOptions, ChatState, Conversation, WidgetArticles } from './types.js';
import { newKey, toNumber } from './util.js';

/** The operator's "typing" fades unless renewed (they send it every few hundred ms while typing). */
const TYPING_SHOWN_MS = 6000;
/** How often an open conversation is fetched over REST while the socket is down. */
const POLL_MS = 10_000;
/** A token older than this is renewed when the widget loads. */
const TOKEN_RENEW_MS = 24 * 60 * 60 * 1000;

export function createChat(options: ChatOptions): Chat {
  const { base, channelKey, config, store } = options;
  // Where to resume: the last event seq applied (a widget from before seqs kept an event id).
  let resumeSeq = toNumber(store.getItem('lastSeq'));
  const legacyEventId = resumeSeq === null ? toNumber(store.getItem('lastEvent')) : null;
  const listeners: (() => void)[] = [];
  const api = createApi(base, () => session.token);
  const session = createSession(api, store, channelKey, () => socket.start());
  const state: ChatState = {
    open: store.getItem('open') === '1',
    conversation: readJson<Conversation>(store, 'conv'),
    messages: readOutbox(store, OUTBOX_KEY).map(pendingMessage),
    unread: 0,
    operatorTyping: false,
    notice: null,
    needIntro: !session.token && (config.preChatForm.name || config.preChatForm.email),
    feedback: null,
    uploads: [],
    fileNotice: null,
    lines: readLines(store),
  };
  const pages = createPageReporter(api, () => {
    const c = state.conversation;
    return session.token && c && c.state !== 'closed' ? c.id : null;
  });
  /** Events before 'ready' are replays of what was missed; after it, live. */
  let live = false;
  let typingTimer = 0;

  const socket = createSocket({
    url: () =>
      session.token &&
      `${base.replace(/^http/, 'ws')}/api/v1/visitor/ws?token=${encodeURIComponent(session.token)}`,
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
      if (code === 4401) void session.renew();
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
    if (c && c.id !== prev?.id) pages.report();
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
        if (!session.token) return;
        try {
          const { conversations } = await api<VisitorConversations>(
            'GET',
            '/visitor/conversations',
          );
          const newest = conversations[0];
          if (newest)
            setConversation({ id: newest.id, state: newest.state, rating: newest.rating });
          const c = state.conversation;
          if (!c) continue;
          const { messages } = await api<VisitorMessages>(
            'GET',
            `/visitor/conversations/${c.id}/messages?afterSeq=${contiguousSeq(state.messages)}`,
          );
          if (state.conversation?.id === c.id) accept(messages);
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) await session.renew();
        }
      } while (syncAgain);
      changed();
    })().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  const delivery = createDelivery({
    store,
    socket,
    api,
    ensureSession: () => session.ensure(),
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
    onUnauthenticated: session.drop,
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
        pages.report();
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
      ) {
        // Stored first: the line is read on the page the visitor lands on.
        line('moved', target, lastSeq(state.messages));
        options.navigate(target);
      }
      return;
    }
    const c = p.conversation as VisitorEventConversation | undefined;
    if (!c) return;
    if (e.type === 'conversation.assigned' && typeof p.operatorName === 'string')
      line('joined', p.operatorName, c.lastSeq);
    const current = state.conversation;
    if (current?.id === c.id) setConversation({ ...current, state: c.state });
    else if (!current || current.state === 'closed')
      setConversation({ id: c.id, state: c.state, rating: null });
    else void sync();
    changed();
  }

  function line(kind: 'joined' | 'moved', arg: string, seq: number) {
    const c = state.conversation?.id;
    if (c) state.lines = addLine(store, { c, kind, arg, seq });
  }

  window.addEventListener('online', () => {
    if (state.notice === 'offline') notice(null);
    if (!session.token && session.refused) void session.renew();
    delivery.resume();
  });
  window.addEventListener('offline', () => notice('offline'));

  const hasWork = () =>
    state.open ||
    (state.conversation !== null && state.conversation.state !== 'closed') ||
    readOutbox(store, OUTBOX_KEY).length > 0;
  // The server refuses a token left unused too long (VISITOR_TOKEN_IDLE_DAYS);
  // renewing it once a day on load keeps a returning visitor's session alive.
  if (session.token && Date.now() - Number(store.getItem('tokenAt') ?? 0) > TOKEN_RENEW_MS)
    void session.renew();
  else if (session.token && hasWork()) socket.start();
  if (readOutbox(store, OUTBOX_KEY).length > 0) void delivery.flush();
  // While the socket is down (reconnecting, or blocked by a proxy) replies still
  // arrive: an open conversation is polled over REST until the socket is back.
  window.setInterval(() => {
    const c = state.conversation;
    if (session.token && !socket.ready && navigator.onLine && c && c.state !== 'closed')
      void sync();
  }, POLL_MS);

  /** A message into the outbox: shown at once, sent in order, kept across reloads. */
  function queue(text: string, attachments: Attachment[] = []) {
    if (!text && attachments.length === 0) return;
    const item: OutboxItem = {
      clientKey: newKey(),
      text,
      createdAt: new Date().toISOString(),
      attempts: navigator.onLine ? 0 : 1,
      ...(attachments.length > 0 ? { attachments } : {}),
    };
    updateOutbox(store, OUTBOX_KEY, enqueue(item));
    state.messages = mergeMessage(state.messages, pendingMessage(item));
    if (text) draft.cancel();
    if (!navigator.onLine) state.notice = 'offline';
    changed();
    void delivery.flush();
  }

  const attacher = createAttacher({
    base,
    limits: () => config.uploads,
    token: () => session.token,
    ensureSession: () => session.ensure(),
    update(uploads, fileNotice) {
      state.uploads = uploads;
      if (fileNotice !== undefined) state.fileNotice = fileNotice;
      changed();
    },
    send: (a) => queue('', [a]),
    newKey,
  });

  return {
    state,
    subscribe: (l) => void listeners.push(l),
    setOpen(open) {
      state.open = open;
      store.setItem('open', open ? '1' : '0');
      if (open && session.token) socket.start();
      changed();
    },
    send: (raw) => queue(raw.trim()),
    attach: (files) => void attacher.attach(files),
    draft: (text) => draft.update(text),
    async introduce(name, email) {
      try {
        await session.ensure({ ...(name ? { name } : {}), ...(email ? { email } : {}) });
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
    async articles(q) {
      const res = await fetch(
        `${base}/api/v1/widget/articles?channelKey=${encodeURIComponent(channelKey)}&q=${encodeURIComponent(q)}`,
        { credentials: 'omit' },
      );
      return res.ok ? ((await res.json()) as WidgetArticles).articles : [];
    },
    attachmentUrl(a) {
      if (typeof a.url === 'string') return safeHref(new URL(a.url, base).href);
      if (!session.token) return null;
      // <img> cannot send an Authorization header: the token goes in the query, as for the socket.
      return `${base}/api/v1/uploads/${encodeURIComponent(a.id)}?token=${encodeURIComponent(session.token)}`;
    },
  };
}
