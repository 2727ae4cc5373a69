// @vitest-environment happy-dom
// The websocket client's resume protocol against a scripted socket.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeClient, type RealtimeHandlers } from '../../web/src/api/realtime';
import { FakeSocket } from './fake-socket';

function handlers() {
  return {
    onReady: vi.fn(),
    onEvent: vi.fn(),
    onTyping: vi.fn(),
    onStatus: vi.fn(),
    onUnauthenticated: vi.fn(),
  } satisfies RealtimeHandlers;
}

const event = (seq: number) => ({
  type: 'event',
  event: { id: 1000 + seq, seq, type: 'conversation.updated', payload: {}, audience: 'queue' },
});

describe('realtime client', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('starts fresh, then resumes from the last event it saw after a drop', () => {
    const h = handlers();
    const client = new RealtimeClient(h, 'ws://test/api/v1/ws');
    client.start();
    const first = FakeSocket.all[0]!;
    first.open();
    expect(first.sent).toEqual([{ type: 'hello' }]);
    first.receive({ type: 'ready', lastEventId: 1010, lastSeq: 10, resumed: 0 });
    expect(h.onReady).toHaveBeenLastCalledWith(true);
    first.receive(event(11));
    first.receive(event(12));
    expect(h.onEvent).toHaveBeenCalledTimes(2);

    first.drop();
    expect(h.onStatus).toHaveBeenLastCalledWith('offline');
    vi.advanceTimersByTime(20_000);
    const second = FakeSocket.all[1]!;
    second.open();
    expect(second.sent[0]).toEqual({ type: 'hello', lastSeq: 12 });
    second.receive(event(13));
    second.receive({ type: 'ready', lastEventId: 1013, lastSeq: 13, resumed: 1 });
    expect(h.onReady).toHaveBeenLastCalledWith(false);
    client.stop();
  });

  it('refetches when the server asks to resync', () => {
    const h = handlers();
    const client = new RealtimeClient(h, 'ws://test');
    client.start();
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ type: 'ready', lastEventId: 1001, lastSeq: 1, resumed: 0 });
    socket.receive({ type: 'resync', reason: 'too many', lastEventId: 6000, lastSeq: 5000 });
    expect(h.onReady).toHaveBeenLastCalledWith(true);
    client.stop();
  });

  it('resolves a send on its ack and rejects it on an error for the same key', async () => {
    const client = new RealtimeClient(handlers(), 'ws://test');
    client.start();
    const socket = FakeSocket.all[0]!;
    socket.open();
    const ok = client.send('c1', 'hi', 'k1', []);
    const refused = client.send('c1', 'hi', 'k2', []);
    socket.receive({ type: 'ack', clientKey: 'k1', conversationId: 'c1', message: { seq: 3 } });
    socket.receive({
      type: 'error',
      clientKey: 'k2',
      error: { code: 'conversation_closed', message: 'closed', field: null },
    });
    await expect(ok).resolves.toEqual({ seq: 3 });
    await expect(refused).rejects.toMatchObject({ code: 'conversation_closed' });
    expect(socket.sent.filter((m) => m.type === 'send').map((m) => m.clientKey)).toEqual([
      'k1',
      'k2',
    ]);
    client.stop();
  });

  it('fails sends in flight when the connection drops, so they retry with the same key', async () => {
    const client = new RealtimeClient(handlers(), 'ws://test');
    client.start();
    const socket = FakeSocket.all[0]!;
    socket.open();
    const pending = client.send('c1', 'hi', 'k1', []);
    socket.drop();
    await expect(pending).rejects.toMatchObject({ code: 'network' });
    client.stop();
  });

  it('stops and reports an ended session instead of reconnecting', () => {
    const h = handlers();
    const client = new RealtimeClient(h, 'ws://test');
    client.start();
    FakeSocket.all[0]!.drop(4401);
    vi.advanceTimersByTime(60_000);
    expect(h.onUnauthenticated).toHaveBeenCalled();
    expect(FakeSocket.all).toHaveLength(1);
    client.stop();
  });
});
