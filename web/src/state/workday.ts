// The working day's live rules in the operator app: unread counts, alerts for
// clients' messages, waiting conversations and mentions, the tab title count,
// and the notice to an operator whose conversation a supervisor moved.
// Driven by the same events as the lists (sync.ts); the rules themselves are
// src/domain/alerts.ts.
import { alertPrefsOf, messageAlerts, queueAlerts } from '../../../src/domain/alerts';
import type { ConversationView, Me, StoredEvent } from '../api/types';
import type { Translate } from '../i18n';
import { allScreens, currentScreen, ring, setScreen, startAlerts } from '../lib/alerts';
import { reference } from './reference';
import { openConversation, router } from './router';
import { currentMe } from './session';
import { createStore } from './store';
import { generation, onEvent } from './sync';
import { toast } from './toasts';
import {
  addMessage,
  loadSummaries,
  markRead,
  readElsewhere,
  resetSummaries,
  summaries,
} from './unread';
import { mine, queue, visibleInQueue } from './workspace';

/** Conversations a note mentions me in that I have not opened since: conversation → note. */
export const mentions = createStore<ReadonlyMap<string, string>>(new Map());
/** The note a mention's link opened: the conversation scrolls to it and marks it. */
export const focusedNote = createStore<string | null>(null);

/** Opens the conversation at the note (the link of a mention). */
export function openNote(conversationId: string, noteId: string): void {
  focusedNote.set(noteId);
  openConversation(conversationId);
}

/** Waiting conversations that alerted while the tab was hidden (the title counts them). */
export const unseenQueue = createStore<ReadonlySet<string>>(new Set());

/** The number in the tab title: unread clients' messages in my conversations, mentions, new waiting ones. */
export function attentionCount(): number {
  let n = 0;
  const own = mine.get();
  for (const s of summaries.get().values()) if (own.has(s.conversationId)) n += s.unread;
  return n + mentions.get().size + unseenQueue.get().size;
}

const BASE_TITLE = 'Switchboard';

function without<V>(map: ReadonlyMap<string, V>, id: string): ReadonlyMap<string, V> {
  if (!map.has(id)) return map;
  const next = new Map(map);
  next.delete(id);
  return next;
}

function contactLabel(c: ConversationView, t: Translate): string {
  return c.contactName?.trim() || t('author.contact');
}

function modeOf(me: Me, c: ConversationView) {
  const team = c.teamId ? reference.get().teams.find((x) => x.id === c.teamId) : undefined;
  return team ? team.mode : me.account.settings.routing.mode;
}

/** Whether the conversation is on screen in this tab, in front of the operator. */
function onScreenHere(conversationId: string): boolean {
  const s = currentScreen();
  return s.visible && s.conversationId === conversationId;
}

function markOpenRead(): void {
  const s = currentScreen();
  if (!s.visible || !s.conversationId) return;
  const id = s.conversationId;
  mentions.set((m) => without(m, id));
  const summary = summaries.get().get(id);
  if (summary && summary.unread > 0) void markRead(id, summary.lastSeq);
}

export function startWorkday(me: Me, t: () => Translate): () => void {
  const stopAlerts = startAlerts(alertPrefsOf(me.alerts));
  const alerted = new Set<string>();
  const route = () => {
    const r = router.get();
    return r.view === 'workspace' ? r.conversationId : null;
  };
  const updateScreen = () => {
    setScreen({ conversationId: route(), visible: !document.hidden });
    if (!document.hidden) unseenQueue.set(new Set());
    markOpenRead();
  };
  updateScreen();

  const handle = (e: StoredEvent) => {
    const self = currentMe() ?? me;
    const tr = t();
    switch (e.type) {
      case 'message.created': {
        const m = e.payload.message;
        const seen = onScreenHere(m.conversationId);
        addMessage(m, seen);
        if (seen && m.author === 'contact') void markRead(m.conversationId, m.seq);
        const c = mine.get().get(m.conversationId);
        if (c && m.author === 'contact' && messageAlerts(c.id, allScreens()))
          ring({
            kind: 'messages',
            title: tr('alerts.messageTitle', { name: contactLabel(c, tr) }),
            body: m.text.slice(0, 140) || tr('alerts.attachment'),
            tag: `message-${c.id}`,
            onClick: () => openConversation(c.id),
          });
        break;
      }
      case 'conversation.read':
        if (e.payload.operatorId === self.operator.id)
          readElsewhere(e.payload.conversationId, e.payload.readSeq);
        break;
      case 'conversation.queued':
      case 'conversation.created': {
        const c = e.payload.conversation;
        if (c.state !== 'queued' || alerted.has(c.id) || !visibleInQueue(self, c)) break;
        const can = queueAlerts({
          mode: modeOf(self, c),
          visibleToMe: true,
          status: self.operator.status,
          openCount: mine.get().size,
          limit: self.operator.limit,
        });
        if (!can) break;
        alerted.add(c.id);
        if (document.hidden) unseenQueue.set((s) => new Set(s).add(c.id));
        ring({
          kind: 'queue',
          title: tr('alerts.queueTitle'),
          body: tr('alerts.queueBody', { name: contactLabel(c, tr) }),
          tag: `queue-${c.id}`,
          onClick: () => openConversation(c.id),
        });
        break;
      }
      case 'note.mentioned': {
        const { note, conversation: c, operatorId } = e.payload;
        if (operatorId !== self.operator.id) break;
        if (!onScreenHere(c.id)) mentions.set((m) => new Map(m).set(c.id, note.id));
        const title = tr('alerts.mentionTitle', { name: note.authorName ?? '—' });
        ring({
          kind: 'mentions',
          title,
          body: note.text.slice(0, 140),
          tag: `note-${note.id}`,
          onClick: () => openNote(c.id, note.id),
        });
        toast('info', `${title}: ${note.text.slice(0, 80)}`, {
          label: tr('alerts.openNote'),
          run: () => openNote(c.id, note.id),
        });
        break;
      }
      case 'conversation.transferred': {
        const p = e.payload;
        if (p.fromOperatorId !== self.operator.id || !p.byOperatorId) break;
        if (p.byOperatorId === self.operator.id) break;
        const ops = reference.get().operators;
        const by = ops.find((o) => o.id === p.byOperatorId)?.name ?? '—';
        const to = ops.find((o) => o.id === p.toOperatorId)?.name ?? tr('alerts.theQueue');
        const text = tr('alerts.reassigned', {
          by,
          name: contactLabel(p.conversation, tr),
          to,
        });
        toast('info', p.note ? `${text} ${tr('alerts.reason', { reason: p.note })}` : text);
        break;
      }
      default:
        break;
    }
    if (e.type !== 'message.created' && 'conversation' in e.payload) {
      const c = (e.payload as { conversation: ConversationView }).conversation;
      if (c.state !== 'queued') alerted.delete(c.id);
      if (c.state !== 'queued')
        unseenQueue.set((s) => (s.has(c.id) ? new Set([...s].filter((x) => x !== c.id)) : s));
    }
  };

  const offEvents = onEvent(handle);
  const load = () => {
    const ids = [...new Set([...mine.get().keys(), ...queue.get().keys()])];
    void loadSummaries(ids)
      .then(markOpenRead)
      .catch(() => {});
  };
  const offGeneration = generation.subscribe(load);
  const offRoute = router.subscribe(updateScreen);
  // Rows that join a list later (assigned to me, queued) get their summary too.
  const known = new Set<string>();
  const offLists = [mine, queue].map((store) =>
    store.subscribe(() => {
      const missing = [...store.get().keys()].filter(
        (id) => !known.has(id) && !summaries.get().has(id),
      );
      for (const id of missing) known.add(id);
      if (missing.length > 0) void loadSummaries(missing).catch(() => {});
    }),
  );
  const updateTitle = () => {
    const n = attentionCount();
    document.title = n > 0 ? `(${n}) ${BASE_TITLE}` : BASE_TITLE;
  };
  const offTitle = [summaries, mentions, unseenQueue, mine].map((s) => s.subscribe(updateTitle));
  document.addEventListener('visibilitychange', updateScreen);
  updateTitle();
  return () => {
    offEvents();
    offGeneration();
    offRoute();
    for (const off of [...offLists, ...offTitle]) off();
    document.removeEventListener('visibilitychange', updateScreen);
    stopAlerts();
    resetSummaries();
    mentions.set(new Map());
    unseenQueue.set(new Set());
    document.title = BASE_TITLE;
  };
}
