// Each row's last message and my unread count. The server keeps my read
// position (GET /conversation-summaries, POST /conversations/:id/read), so a
// reload or another tab shows the same counts; live messages add to them here.
import { api } from '../api/client';
import type { ConversationSummary, MessageView, SummaryList } from '../api/types';
import { createStore } from './store';

/** A row of GET /conversation-summaries, with the newest message's seq to mark read up to. */
export type Summary = ConversationSummary & { lastSeq: number };

export const summaries = createStore<ReadonlyMap<string, Summary>>(new Map());

const BATCH = 200;

/** Loads the summaries of these conversations (rows of the lists), replacing what was known. */
export async function loadSummaries(ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const part = ids.slice(i, i + BATCH);
    const { summaries: rows } = await api.get<SummaryList>(
      `/conversation-summaries?ids=${part.join(',')}`,
    );
    summaries.set((m) => {
      const next = new Map(m);
      for (const r of rows) next.set(r.conversationId, { ...r, lastSeq: r.lastMessage?.seq ?? 0 });
      return next;
    });
  }
}

/** A new message: the row's last line; a client's message I have not seen adds to my count. */
export function addMessage(m: MessageView, seen: boolean): void {
  summaries.set((map) => {
    const known = map.get(m.conversationId);
    if (known && known.lastSeq >= m.seq) return map;
    const next = new Map(map);
    next.set(m.conversationId, {
      conversationId: m.conversationId,
      // The server's read position moves when markRead reaches it, not here.
      readSeq: known?.readSeq ?? 0,
      unread: seen ? 0 : (known?.unread ?? 0) + (m.author === 'contact' ? 1 : 0),
      lastSeq: m.seq,
      lastMessage: {
        seq: m.seq,
        author: m.author,
        authorName: m.authorName,
        text: m.text.slice(0, 140),
        attachments: m.attachments.length,
        createdAt: m.createdAt,
      },
    });
    return next;
  });
}

const inFlight = new Map<string, number>();

/** I have seen the conversation up to `seq`: the badge clears at once, the server remembers. */
export async function markRead(conversationId: string, seq: number): Promise<void> {
  const known = summaries.get().get(conversationId);
  summaries.set((map) => {
    const s = map.get(conversationId);
    if (!s || s.unread === 0) return map;
    return new Map(map).set(conversationId, { ...s, unread: 0, readSeq: Math.max(s.readSeq, seq) });
  });
  if (
    (known && known.readSeq >= seq && known.unread === 0) ||
    (inFlight.get(conversationId) ?? -1) >= seq
  )
    return;
  inFlight.set(conversationId, seq);
  try {
    await api.post(`/conversations/${conversationId}/read`, { seq });
  } catch {
    // The count comes back from the server at the next load; nothing else depends on it.
  } finally {
    if (inFlight.get(conversationId) === seq) inFlight.delete(conversationId);
  }
}

/** Another tab of mine (or this one) read it: reload the row's count from the server. */
export function readElsewhere(conversationId: string, readSeq: number): void {
  const s = summaries.get().get(conversationId);
  if (!s || s.readSeq >= readSeq) return;
  if (readSeq >= s.lastSeq) {
    summaries.set((map) => new Map(map).set(conversationId, { ...s, readSeq, unread: 0 }));
    return;
  }
  void loadSummaries([conversationId]).catch(() => {});
}

export function resetSummaries(): void {
  summaries.set(new Map());
  inFlight.clear();
}
