// @vitest-environment happy-dom
// The working day in the operator app (issue 15): unread badges and the tab
// title count from live events, alerts for a client's message in a background
// conversation and for a manual team's queue, Take at the limit, the status
// banner, the alert switches and private notes.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, MessageView, NoteView, StoredEvent } from '../../web/src/api/types';
import { AlertSettings } from '../../web/src/components/alert-settings';
import { translate } from '../../web/src/i18n';
import { navigate } from '../../web/src/state/router';
import { session } from '../../web/src/state/session';
import { startSync } from '../../web/src/state/sync';
import { summaries } from '../../web/src/state/unread';
import { startWorkday } from '../../web/src/state/workday';
import { mine, queue } from '../../web/src/state/workspace';
import { MessageList } from '../../web/src/views/conversation/message-list';
import { NoteComposer } from '../../web/src/views/conversation/notes';
import { MyConversations } from '../../web/src/views/workspace/my-conversations';
import { QueuePanel } from '../../web/src/views/workspace/queue-panel';
import { StatusBanner } from '../../web/src/views/workspace/status-banner';
import { mockApi } from './api-mock';
import { FakeSocket } from './fake-socket';
import { channel, Providers, queued, resetStores, setReference, signIn, TEAM } from './setup';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('en', key, vars);

/** Desktop notifications the app showed (permission granted). */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static shown: { title: string; body: string | undefined }[] = [];
  static requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
  onclick: (() => void) | null = null;
  constructor(title: string, options: NotificationOptions = {}) {
    FakeNotification.shown.push({ title, body: options.body });
  }
  close() {}
}

let nextId = 100;
function event(type: StoredEvent['type'], payload: unknown): Record<string, unknown> {
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
      at: new Date(NOW).toISOString(),
      payload,
    },
  };
}

function message(conversationId: string, seq: number, text: string): MessageView {
  return {
    id: `m-${conversationId}-${seq}`,
    conversationId,
    seq,
    author: 'contact',
    authorId: 'contact',
    authorName: 'Anna',
    text,
    attachments: [],
    clientKey: null,
    createdAt: new Date(NOW + seq * 1000).toISOString(),
  };
}

beforeEach(() => {
  resetStores();
  summaries.set(new Map());
  FakeNotification.shown = [];
  FakeNotification.permission = 'granted';
  vi.stubGlobal('Notification', FakeNotification);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('alerts, unread counts and the title', () => {
  let stops: (() => void)[] = [];
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    for (const stop of stops) stop();
    stops = [];
  });

  it('counts a client message in the background conversation, alerts once, and clears when read elsewhere', async () => {
    const me = signIn();
    setReference(
      [channel('web', 1)],
      [],
      [TEAM, { ...TEAM, id: 'team-auto', mode: 'least_loaded' }],
    );
    const a = queued('web', 1, NOW, {
      state: 'assigned',
      operatorId: me.operator.id,
      teamId: 'team-auto',
    });
    const b = queued('web', 1, NOW, {
      state: 'assigned',
      operatorId: me.operator.id,
      teamId: 'team-auto',
      contactName: 'Boris',
    });
    const calls = mockApi({
      'GET /conversations': () => ({ conversations: [a, b] }),
      'GET /operators': () => ({ operators: [] }),
      'GET /teams': () => ({ teams: [TEAM] }),
      'GET /channels': () => ({ channels: [channel('web', 1)] }),
      'GET /categories': () => ({ categories: [] }),
      'GET /canned-responses': () => ({ cannedResponses: [] }),
      'GET /conversation-summaries': (req) => ({
        summaries: (req.query.get('ids') ?? '').split(',').map((id) => ({
          conversationId: id,
          readSeq: 1,
          unread: 0,
          lastMessage: {
            seq: 1,
            author: 'contact',
            authorName: 'Anna',
            text: 'Hi',
            attachments: 0,
            createdAt: new Date(NOW).toISOString(),
          },
        })),
      }),
      [`POST /conversations/${a.id}/read`]: (req) => ({
        conversationId: a.id,
        readSeq: (req.body as { seq: number }).seq,
      }),
    });
    navigate({ view: 'workspace', conversationId: a.id });
    stops.push(
      startSync(),
      startWorkday(me, () => t),
    );
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ type: 'ready', lastEventId: 10, lastSeq: 10, resumed: 0 });
    await vi.waitFor(() => expect(summaries.get().size).toBe(2));
    expect(document.title).toBe('Switchboard');

    // In the background conversation: a badge, the title count and one alert.
    socket.receive(event('message.created', { message: message(b.id, 2, 'Is it shipped?') }));
    expect(summaries.get().get(b.id)).toMatchObject({
      unread: 1,
      lastMessage: { text: 'Is it shipped?' },
    });
    expect(document.title).toBe('(1) Switchboard');
    expect(FakeNotification.shown).toEqual([
      { title: 'New message from Boris', body: 'Is it shipped?' },
    ]);

    // In the one on screen: read at once, no alert.
    socket.receive(event('message.created', { message: message(a.id, 2, 'Thanks') }));
    expect(summaries.get().get(a.id)?.unread).toBe(0);
    await vi.waitFor(() =>
      expect(
        calls.some((c) => c.method === 'POST' && c.path === `/conversations/${a.id}/read`),
      ).toBe(true),
    );
    expect(FakeNotification.shown).toHaveLength(1);

    // My other tab read it: the badge and the count go.
    socket.receive(
      event('conversation.read', { conversationId: b.id, operatorId: me.operator.id, readSeq: 2 }),
    );
    expect(summaries.get().get(b.id)?.unread).toBe(0);
    expect(document.title).toBe('Switchboard');
  });

  it("alerts a free operator of a conversation waiting in a manual team's queue, unless switched off", async () => {
    const me = signIn();
    setReference([channel('web', 1)]);
    mockApi({
      'GET /conversations': () => ({ conversations: [] }),
      'GET /operators': () => ({ operators: [] }),
      'GET /teams': () => ({ teams: [TEAM] }),
      'GET /channels': () => ({ channels: [channel('web', 1)] }),
      'GET /categories': () => ({ categories: [] }),
      'GET /canned-responses': () => ({ cannedResponses: [] }),
      'GET /conversation-summaries': () => ({ summaries: [] }),
      'PUT /me/alerts': (req) => ({
        alerts: {
          ...me.alerts,
          sound: true,
          desktop: true,
          assigned: true,
          messages: true,
          mentions: true,
          queue: true,
          ...(req.body as object),
        },
      }),
    });
    stops.push(
      startSync(),
      startWorkday(me, () => t),
    );
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.receive({ type: 'ready', lastEventId: 10, lastSeq: 10, resumed: 0 });
    const waiting = queued('web', 1, NOW, { contactName: 'Petr' });
    socket.receive(event('conversation.queued', { conversation: waiting, position: 1 }));
    await vi.waitFor(() => expect(queue.get().has(waiting.id)).toBe(true));
    expect(FakeNotification.shown).toEqual([
      { title: 'A client is waiting', body: 'Petr is waiting in the queue.' },
    ]);

    render(<AlertSettings />, { wrapper: Providers });
    fireEvent.click(screen.getByLabelText('Clients waiting in queues I can take from'));
    await vi.waitFor(() =>
      expect(
        (screen.getByLabelText('Clients waiting in queues I can take from') as HTMLInputElement)
          .checked,
      ).toBe(false),
    );
    socket.receive(
      event('conversation.queued', { conversation: queued('web', 1, NOW), position: 2 }),
    );
    expect(FakeNotification.shown).toHaveLength(1);
  });
});

describe('rows, Take and the status banner', () => {
  it("shows each row's last message, who wrote it, and my unread count", () => {
    const me = signIn();
    setReference([channel('web', 1)]);
    const c = queued('web', 1, NOW, { state: 'assigned', operatorId: me.operator.id });
    mine.set(new Map([[c.id, c]]));
    summaries.set(
      new Map([
        [
          c.id,
          {
            conversationId: c.id,
            readSeq: 1,
            unread: 3,
            lastSeq: 4,
            lastMessage: {
              seq: 4,
              author: 'contact',
              authorName: 'Anna',
              text: 'Any news?\nPlease',
              attachments: 0,
              createdAt: new Date(NOW).toISOString(),
            },
          },
        ],
      ]),
    );
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise(() => {})),
    );
    render(<MyConversations current={null} />, { wrapper: Providers });
    expect(screen.getByTestId('row-last').textContent).toBe('Anna: Any news? Please');
    expect(screen.getByTestId('unread-badge').textContent).toContain('3');
  });

  it('offers Take in every mode, and at my limit disables it with the reason', () => {
    const me = signIn();
    session.set({ phase: 'ready', me: { ...me, operator: { ...me.operator, limit: 1 } } });
    setReference([channel('web', 1)], [], [{ ...TEAM, mode: 'least_loaded' }]);
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise(() => {})),
    );
    const waiting = queued('web', 1, NOW - 1000);
    queue.set(new Map([[waiting.id, waiting]]));
    const { rerender } = render(<QueuePanel current={null} />, { wrapper: Providers });
    expect((screen.getByRole('button', { name: 'Take' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
    const own = queued('web', 1, NOW, { state: 'assigned', operatorId: me.operator.id });
    act(() => mine.set(new Map([[own.id, own]])));
    rerender(<QueuePanel current={null} />);
    const take = screen.getByRole('button', { name: 'Take' }) as HTMLButtonElement;
    expect(take.disabled).toBe(true);
    const why = document.getElementById(take.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toBe('You are at your limit of 1');
  });

  it('tells an Away operator that nothing will come, and goes Online in one click', async () => {
    const me = signIn();
    session.set({ phase: 'ready', me: { ...me, operator: { ...me.operator, status: 'away' } } });
    const calls = mockApi({
      'PUT /operators/op-olga/status': () => ({ operator: { ...me.operator, status: 'online' } }),
    });
    render(<StatusBanner />, { wrapper: Providers });
    expect(screen.getByRole('status').textContent).toContain(
      'You are Away: no conversations will come to you.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Go Online' }));
    await vi.waitFor(() => expect(screen.queryByRole('button', { name: 'Go Online' })).toBeNull());
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['PUT', '/operators/op-olga/status', { status: 'online' }],
    ]);
    expect((session.get() as { me: Me }).me.operator.status).toBe('online');
  });

  it('asks for notification permission only from its visible control', async () => {
    signIn();
    FakeNotification.permission = 'default';
    FakeNotification.requestPermission.mockClear();
    render(<AlertSettings />, { wrapper: Providers });
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    fireEvent.click(
      screen.getByRole('button', { name: 'Allow desktop notifications in this browser' }),
    );
    await vi.waitFor(() => expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1));
  });
});

describe('private notes', () => {
  const note = (over: Partial<NoteView> = {}): NoteView => ({
    id: 'note-1',
    conversationId: 'conv-x',
    authorId: 'op-olga',
    authorName: 'Olga',
    text: 'Refund one of the two payments',
    mentions: [],
    createdAt: new Date(NOW + 1500).toISOString(),
    ...over,
  });

  it('shows notes between the messages, marked as private, a supervisor’s as a whisper', () => {
    const me = signIn();
    setReference([channel('web', 1)]);
    const c = queued('web', 1, NOW, {
      id: 'conv-x',
      state: 'assigned',
      operatorId: me.operator.id,
    });
    render(
      <MessageList
        conversation={c}
        messages={[message('conv-x', 1, 'first'), message('conv-x', 2, 'second')]}
        notes={[
          note(),
          note({
            id: 'note-2',
            authorId: 'op-natalia',
            authorName: 'Natalia',
            text: 'Whisper',
            createdAt: new Date(NOW + 9000).toISOString(),
          }),
        ]}
      />,
      { wrapper: Providers },
    );
    const log = screen.getByRole('log');
    const order = [...log.querySelectorAll('article')].map((a) =>
      a.className.split(' ').slice(0, 3).join(' '),
    );
    expect(order).toEqual([
      'message message-contact',
      'message note',
      'message message-contact',
      'message note whisper',
    ]);
    const [first, second] = screen.getAllByTestId('note');
    expect(within(first!).getByText('Private note · only staff see it')).toBeTruthy();
    expect(within(second!).getByText('Whisper · only staff see it')).toBeTruthy();
  });

  it('adds a note from its own composer', async () => {
    signIn();
    const calls = mockApi({
      'POST /conversations/conv-x/notes': () => ({ note: note({ text: '@maxim look' }) }),
    });
    const added = vi.fn();
    render(<NoteComposer conversationId="conv-x" onAdded={added} />, { wrapper: Providers });
    fireEvent.change(screen.getByLabelText('Private note'), { target: { value: '@maxim look' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await vi.waitFor(() =>
      expect(added).toHaveBeenCalledWith(expect.objectContaining({ text: '@maxim look' })),
    );
    expect(calls[0]).toMatchObject({ method: 'POST', body: { text: '@maxim look' } });
  });
});
