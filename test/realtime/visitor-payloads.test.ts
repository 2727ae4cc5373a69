// What a visitor's socket receives of staff-side events (issue 15): the name of
// the operator who joined, never their id, and nothing of the visitor context.
import { describe, expect, it } from 'vitest';
import { EVENT_AUDIENCE, type StoredEvent } from '../../src/events/catalog.js';
import { forVisitor } from '../../src/realtime/visibility.js';

const CONV = 'c0000000-0000-4000-8000-000000000001';

function stored(type: StoredEvent['type'], payload: unknown): StoredEvent {
  return {
    id: 1,
    seq: 1,
    accountId: 'a',
    at: new Date(0).toISOString(),
    type,
    audience: EVENT_AUDIENCE[type],
    conversationId: CONV,
    payload,
    route: { operatorId: 'op-1', teamId: null },
  } as StoredEvent;
}

describe('visitor payloads', () => {
  it('tells the visitor who joined by name only', () => {
    const e = stored('conversation.assigned', {
      conversation: { id: CONV, state: 'assigned', lastSeq: 3, closedAt: null, operatorId: 'op-1' },
      operatorId: 'op-1',
      operatorName: 'Tatiana',
      by: 'router',
    });
    const seen = forVisitor(e, new Set([CONV]));
    expect(seen?.payload).toEqual({
      conversation: { id: CONV, state: 'assigned', lastSeq: 3, closedAt: null },
      operatorName: 'Tatiana',
    });
    expect(JSON.stringify(seen)).not.toContain('op-1');
  });

  it('never sends the visitor context back to the visitor', () => {
    const e = stored('visitor.context', { conversationId: CONV, context: { url: 'https://x/' } });
    expect(forVisitor(e, new Set([CONV]))).toBeNull();
  });
});
