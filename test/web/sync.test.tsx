// @vitest-environment happy-dom
// The workspace's event handlers: what an open operator app does with the
// events of settings changes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../../web/src/api/types';
import { reference } from '../../web/src/state/reference';
import { currentMe } from '../../web/src/state/session';
import { generation, startSync } from '../../web/src/state/sync';
import { mockApi } from './api-mock';
import { FakeSocket } from './fake-socket';
import { channel, SETTINGS, signIn, TEAM } from './setup';

let nextId = 10;
function send(socket: FakeSocket, type: StoredEvent['type'], payload: unknown) {
  nextId += 1;
  socket.receive({
    type: 'event',
    event: {
      id: nextId,
      accountId: 'acc',
      type,
      audience: 'account',
      conversationId: null,
      route: null,
      at: '2026-12-01T10:00:00.000Z',
      payload,
    },
  });
}

describe('workspace sync', () => {
  let stop: (() => void) | undefined;
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    stop?.();
    vi.unstubAllGlobals();
  });

  it('applies account, team and channel changes from their events at once, without refetching', async () => {
    signIn();
    const calls = mockApi({
      'GET /conversations': () => ({ conversations: [] }),
      'GET /operators': () => ({ operators: [] }),
      'GET /teams': () => ({ teams: [TEAM] }),
      'GET /channels': () => ({ channels: [channel('a', 1), channel('b', 2)] }),
      'GET /categories': () => ({ categories: [] }),
      'GET /canned-responses': () => ({ cannedResponses: [] }),
    });
    const before = generation.get();
    stop = startSync();
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ type: 'ready', lastEventId: 10, lastSeq: 10, resumed: 0 });
    await vi.waitFor(() => expect(generation.get()).toBe(before + 1));
    expect(reference.get().channels.map((c) => c.id)).toEqual(['a', 'b']);
    const fetched = calls.length;

    const settings = { ...SETTINGS, sla: { yellowMs: 10_000, redMs: 20_000 }, defaultLimit: 3 };
    send(socket, 'account.updated', { account: { id: 'acc', name: 'Renamed', settings } });
    send(socket, 'team.updated', { team: { ...TEAM, name: 'Front desk', mode: 'random' } });
    send(socket, 'team.updated', { team: { ...TEAM, id: 'team-new', name: 'Billing' } });
    send(socket, 'channel.updated', { channel: { ...channel('a', 3), name: 'Moved down' } });

    expect(currentMe()?.account).toEqual({ id: 'acc', name: 'Renamed', settings });
    expect(reference.get().teams.map((t) => [t.id, t.name, t.mode])).toEqual([
      ['team-new', 'Billing', 'manual'],
      ['team-desk', 'Front desk', 'random'],
    ]);
    expect(reference.get().channels.map((c) => [c.id, c.priority, c.name])).toEqual([
      ['b', 2, 'Chat b'],
      ['a', 3, 'Moved down'],
    ]);
    expect(calls.length).toBe(fetched);
  });
});
