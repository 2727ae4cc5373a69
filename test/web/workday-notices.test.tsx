// @vitest-environment happy-dom
// What the working day tells an operator besides the lists (issue 15): a
// supervisor moved my conversation (with the reason), and a colleague
// mentioned me in a note (a toast that opens the note, and the title count).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorView, StoredEvent } from '../../web/src/api/types';
import { translate } from '../../web/src/i18n';
import { reference } from '../../web/src/state/reference';
import { router } from '../../web/src/state/router';
import { startSync } from '../../web/src/state/sync';
import { toasts } from '../../web/src/state/toasts';
import { focusedNote, mentions, startWorkday } from '../../web/src/state/workday';
import { mockApi } from './api-mock';
import { FakeSocket } from './fake-socket';
import { channel, queued, resetStores, signIn, TEAM } from './setup';

const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('en', key, vars);

const person = (id: string, name: string): OperatorView => ({
  id,
  email: `${id}@test.example`,
  name,
  role: 'operator',
  status: 'online',
  limit: 5,
  openCount: 0,
  languages: [],
  teamIds: [],
  active: true,
  invited: false,
});

let nextId = 500;
function event(type: StoredEvent['type'], payload: unknown) {
  nextId += 1;
  return {
    type: 'event',
    event: {
      id: nextId,
      seq: nextId,
      accountId: 'acc',
      type,
      audience: 'owner',
      conversationId: null,
      route: null,
      at: '2026-03-02T10:00:00.000Z',
      payload,
    },
  };
}

describe('working-day notices', () => {
  let stops: (() => void)[] = [];
  beforeEach(() => {
    resetStores();
    toasts.set([]);
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    for (const stop of stops) stop();
    stops = [];
    vi.unstubAllGlobals();
  });

  async function started() {
    const me = signIn();
    const operators = [person('op-natalia', 'Natalia'), person('op-maxim', 'Maxim')];
    mockApi({
      'GET /conversations': () => ({ conversations: [] }),
      'GET /operators': () => ({ operators }),
      'GET /teams': () => ({ teams: [TEAM] }),
      'GET /channels': () => ({ channels: [channel('web', 1)] }),
      'GET /categories': () => ({ categories: [] }),
      'GET /canned-responses': () => ({ cannedResponses: [] }),
      'GET /conversation-summaries': () => ({ summaries: [] }),
    });
    stops.push(
      startSync(),
      startWorkday(me, () => t),
    );
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ type: 'ready', lastEventId: 10, lastSeq: 10, resumed: 0 });
    await vi.waitFor(() => expect(reference.get().operators).toHaveLength(2));
    return { me, socket };
  }

  it('tells me who moved my conversation, to whom, and why', async () => {
    const { me, socket } = await started();
    const c = queued('web', 1, Date.now(), {
      state: 'assigned',
      operatorId: 'op-maxim',
      contactName: 'Anna',
    });
    socket.receive(
      event('conversation.transferred', {
        conversation: c,
        fromOperatorId: me.operator.id,
        toOperatorId: 'op-maxim',
        toTeamId: null,
        note: 'Maxim handles refunds',
        byOperatorId: 'op-natalia',
      }),
    );
    await vi.waitFor(() =>
      expect(toasts.get().map((x) => x.text)).toContain(
        'Natalia moved Anna to Maxim. Reason: Maxim handles refunds',
      ),
    );
  });

  it('shows a mention as a toast that opens the note, and counts it in the title', async () => {
    const { me, socket } = await started();
    const c = queued('web', 1, Date.now(), { id: 'conv-m', contactName: 'Boris' });
    socket.receive(
      event('note.mentioned', {
        note: {
          id: 'note-7',
          conversationId: 'conv-m',
          authorId: 'op-natalia',
          authorName: 'Natalia',
          text: '@Olga please check',
          mentions: [me.operator.id],
          createdAt: '2026-03-02T10:00:00.000Z',
        },
        conversation: c,
        operatorId: me.operator.id,
      }),
    );
    await vi.waitFor(() => expect(mentions.get().get('conv-m')).toBe('note-7'));
    expect(document.title).toBe('(1) Switchboard');
    const shown = toasts.get().find((x) => x.text.startsWith('Natalia mentioned you'));
    expect(shown?.action?.label).toBe('Open the note');
    shown?.action?.run();
    expect(router.get()).toEqual({ view: 'workspace', conversationId: 'conv-m' });
    expect(focusedNote.get()).toBe('note-7');
    expect(mentions.get().has('conv-m')).toBe(false);
    expect(document.title).toBe('Switchboard');
  });
});
