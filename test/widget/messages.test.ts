// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../src/presenters.js';
import {
  type ChatMessage,
  contiguousSeq,
  fromServer,
  lastSeq,
  mergeMessage,
  messageKey,
  unreadCount,
} from '../../widget/src/messages.js';
import { pendingMessage } from '../../widget/src/outbox.js';

const view = (over: Partial<MessageView>): MessageView => ({
  id: `m${over.seq}`,
  conversationId: 'c1',
  seq: 1,
  author: 'operator',
  authorId: null,
  authorName: 'Natalia',
  text: 'hi',
  attachments: [],
  clientKey: null,
  createdAt: `2025-01-01T10:00:0${over.seq ?? 0}.000Z`,
  ...over,
});

const merged = (...ms: ChatMessage[]) => ms.reduce<ChatMessage[]>(mergeMessage, []);

describe('the message list', () => {
  it('shows a message once however many times it arrives (ack, live event, catch-up)', () => {
    const m = fromServer(view({ seq: 1 }));
    expect(merged(m, m, { ...m }, m)).toHaveLength(1);
  });

  it("replaces the visitor's pending copy with the committed message, matched by clientKey", () => {
    const pending = pendingMessage({
      clientKey: 'k1',
      text: 'hello',
      createdAt: '2025-01-01T10:00:05.000Z',
      attempts: 1,
    });
    const committed = fromServer(
      view({ seq: 3, author: 'contact', clientKey: 'k1', text: 'hello', authorName: null }),
    );
    const list = merged(pending, committed);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'm3', seq: 3, state: 'sent' });
    expect(messageKey(list[0]!)).toBe(messageKey(pending));
  });

  it('never lets a late pending copy overwrite the committed one', () => {
    const committed = fromServer(view({ seq: 2, author: 'contact', clientKey: 'k', text: 'x' }));
    const stale = pendingMessage({ clientKey: 'k', text: 'x', createdAt: 'z', attempts: 2 });
    expect(merged(committed, stale)).toEqual([committed]);
  });

  it('orders committed messages by sequence and pending ones after them', () => {
    const pending = pendingMessage({
      clientKey: 'k',
      text: 'typed offline',
      createdAt: '2025-01-01T09:00:00.000Z',
      attempts: 1,
    });
    const list = merged(
      fromServer(view({ seq: 3 })),
      pending,
      fromServer(view({ seq: 1 })),
      fromServer(view({ seq: 2 })),
    );
    expect(list.map((m) => m.seq)).toEqual([1, 2, 3, null]);
  });

  it('does not mix up an operator message and a visitor message that share a clientKey', () => {
    const op = fromServer(view({ seq: 1, clientKey: 'same' }));
    const visitor = fromServer(view({ seq: 2, author: 'contact', clientKey: 'same' }));
    expect(merged(op, visitor)).toHaveLength(2);
  });

  it('catches up from the first gap, not from the highest number', () => {
    // Our own ack (seq 5) arrived before the messages 3 and 4 were fetched.
    const list = merged(
      fromServer(view({ seq: 1 })),
      fromServer(view({ seq: 2 })),
      fromServer(view({ seq: 5 })),
    );
    expect(contiguousSeq(list)).toBe(2);
    expect(lastSeq(list)).toBe(5);
    expect(contiguousSeq([])).toBe(0);
  });

  it("counts unread what others wrote after what the visitor saw, never the visitor's own", () => {
    const list = merged(
      fromServer(view({ seq: 1 })),
      fromServer(view({ seq: 2, author: 'contact', clientKey: 'k' })),
      fromServer(view({ seq: 3, author: 'system', text: 'You are #2 in line' })),
      fromServer(view({ seq: 4 })),
    );
    expect(unreadCount(list, 1)).toBe(2);
    expect(unreadCount(list, 4)).toBe(0);
  });
});
