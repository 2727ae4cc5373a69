// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '../../web/src/api/types';
import { reference } from '../../web/src/state/reference';
import { parsePath, router } from '../../web/src/state/router';
import { CloseDialog } from '../../web/src/views/conversation/close-dialog';
import { ReadOnlyNotice } from '../../web/src/views/conversation/read-only-notice';
import { StartDialog } from '../../web/src/views/conversation/start-dialog';
import { FindView } from '../../web/src/views/find/find-view';
import { callsTo, mockApi, signInAs } from './api-mock';
import { channel, Providers, queued, setReference } from './setup';

const HIT: SearchResult['messages'][number] = {
  messageId: 'm-1',
  seq: 4,
  author: 'contact',
  createdAt: '2026-03-10T10:00:00.000Z',
  conversation: {
    id: 'conv-found',
    channelId: 'web',
    contactId: 'contact-1',
    contactName: 'Olga',
    teamId: null,
    operatorId: null,
    state: 'closed',
  },
  snippet: [
    { text: '<img src=x onerror=alert(1)> где мой ', hit: false },
    { text: 'заказ', hit: true },
    { text: '?', hit: false },
  ],
};

describe('Find: search', () => {
  beforeEach(() => {
    signInAs('operator');
    setReference([channel('web', 1)]);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows matches marked, markup as text, and opens the conversation at the message', async () => {
    const calls = mockApi({
      'GET /search': () => ({ messages: [HIT], contacts: [], nextCursor: 'next-1' }),
    });
    const { container } = render(
      <Providers>
        <FindView />
      </Providers>,
    );
    fireEvent.change(screen.getByLabelText('Search messages and contacts'), {
      target: { value: 'заказы' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    const link = await screen.findByRole('link', { name: /Olga/ });
    expect(callsTo(calls, 'GET', '/search')[0]!.query.get('q')).toBe('заказы');
    expect(within(link).getByText('заказ').tagName).toBe('MARK');
    expect(link.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
    expect(link.getAttribute('href')).toBe('/c/conv-found?m=4');
    fireEvent.click(link);
    expect(router.get()).toEqual({ view: 'workspace', conversationId: 'conv-found', seq: 4 });
  });

  it('pages with the cursor and says when nothing is found', async () => {
    const calls = mockApi({
      'GET /search': (req) =>
        req.query.get('cursor')
          ? { messages: [{ ...HIT, messageId: 'm-2', seq: 9 }], contacts: [], nextCursor: null }
          : req.query.get('q') === 'nothing'
            ? { messages: [], contacts: [], nextCursor: null }
            : { messages: [HIT], contacts: [], nextCursor: 'next-1' },
    });
    render(
      <Providers>
        <FindView />
      </Providers>,
    );
    const box = screen.getByLabelText('Search messages and contacts');
    fireEvent.change(box, { target: { value: 'заказ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(screen.getAllByRole('link', { name: /Olga/ })).toHaveLength(2));
    expect(callsTo(calls, 'GET', '/search')[1]!.query.get('cursor')).toBe('next-1');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    fireEvent.change(box, { target: { value: 'nothing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('Nothing found.')).toBeTruthy();
  });
});

describe('Find: conversations', () => {
  beforeEach(() => {
    signInAs('supervisor');
    setReference([channel('web', 1)]);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists open conversations first, filters closed ones by period, and pages', async () => {
    const calls = mockApi({
      'GET /conversations': (req) => ({
        conversations: [
          queued('web', 1, Date.parse('2026-03-01T10:00:00Z'), {
            contactName: req.query.get('cursor') ? 'Second page' : 'Pavel',
            state: req.query.get('state') === 'closed' ? 'closed' : 'queued',
          }),
        ],
        nextCursor: req.query.get('cursor') ? null : 'c-2',
      }),
    });
    render(
      <Providers>
        <FindView />
      </Providers>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Conversations' }));
    expect(await screen.findByRole('link', { name: 'Pavel' })).toBeTruthy();
    expect(callsTo(calls, 'GET', '/conversations')[0]!.query.get('state')).toBe('open');

    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'closed' } });
    fireEvent.change(screen.getByLabelText('Created from'), { target: { value: '2026-03-01' } });
    await waitFor(() => {
      const last = callsTo(calls, 'GET', '/conversations').at(-1)!;
      expect(last.query.get('state')).toBe('closed');
      expect(last.query.get('from')).toBe(new Date('2026-03-01T00:00:00').toISOString());
    });
    expect(await screen.findByRole('cell', { name: 'Closed' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByRole('link', { name: 'Second page' })).toBeTruthy();
    expect(callsTo(calls, 'GET', '/conversations').at(-1)!.query.get('cursor')).toBe('c-2');
  });
});

describe('A closed conversation', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('offers its operator the category and note after the client ended it, and reopening on Telegram', async () => {
    const me = signInAs('operator');
    setReference([{ ...channel('tg', 1), kind: 'telegram' }]);
    const calls = mockApi({
      'POST /conversations/conv-old/reopen': () => ({
        conversation: queued('tg', 1, Date.now(), { id: 'conv-new', state: 'assigned' }),
        created: true,
      }),
    });
    const onDialog = vi.fn();
    const closed = queued('tg', 1, Date.now(), {
      id: 'conv-old',
      state: 'closed',
      closedBy: 'contact',
      operatorId: me.operator.id,
    });
    render(
      <Providers>
        <ReadOnlyNotice conversation={closed} onDialog={onDialog} />
      </Providers>,
    );
    expect(screen.getByText('The client ended the chat.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Category and note' }));
    expect(onDialog).toHaveBeenCalledWith('close');
    fireEvent.click(screen.getByRole('button', { name: 'Reopen and write' }));
    await waitFor(() => expect(router.get()).toMatchObject({ conversationId: 'conv-new' }));
    expect(callsTo(calls, 'POST', '/conversations/conv-old/reopen')).toHaveLength(1);
  });

  it('cannot be reopened on the website chat, where the visitor starts', () => {
    signInAs('operator');
    setReference([channel('web', 1)]);
    render(
      <Providers>
        <ReadOnlyNotice
          conversation={queued('web', 1, Date.now(), { state: 'closed', closedBy: 'operator' })}
        />
      </Providers>,
    );
    expect(screen.getByText('This conversation is closed.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reopen and write' })).toBeNull();
  });
});

describe('after the close and writing first', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('saves category, target mark and note of a conversation the client ended', async () => {
    const me = signInAs('operator');
    setReference([channel('web', 1)]);
    reference.set((r) => ({ ...r, categories: [{ id: 'cat-1', name: 'Delivery' }] }));
    const calls = mockApi({
      'PATCH /conversations/conv-ended/category': () => ({ conversation: {} }),
    });
    const onDone = vi.fn();
    const ended = queued('web', 1, Date.now(), {
      id: 'conv-ended',
      state: 'closed',
      closedBy: 'contact',
      operatorId: me.operator.id,
      closeNote: 'first thoughts',
    });
    render(
      <Providers>
        <CloseDialog conversation={ended} onDone={onDone} />
      </Providers>,
    );
    expect(
      screen.getByRole('dialog', { name: 'Category and note of the closed conversation' }),
    ).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'cat-1' } });
    fireEvent.click(screen.getByLabelText('Target'));
    fireEvent.change(screen.getByDisplayValue('first thoughts'), {
      target: { value: 'Asked about delivery' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(callsTo(calls, 'PATCH', '/conversations/conv-ended/category')[0]!.body).toEqual({
      categoryId: 'cat-1',
      targeted: true,
      note: 'Asked about delivery',
    });
    expect(callsTo(calls, 'POST', '/conversations/conv-ended/close')).toEqual([]);
  });

  it('starts a conversation on an e-mail channel with a subject and opens it', async () => {
    signInAs('operator');
    setReference([
      channel('web', 1),
      { ...channel('mail', 2), kind: 'email', name: 'Support mail' },
    ]);
    const calls = mockApi({
      'POST /conversations': () =>
        new Response(
          JSON.stringify({
            conversation: queued('mail', 2, Date.now(), { id: 'conv-out', state: 'assigned' }),
            created: true,
          }),
          { status: 201, headers: { 'content-type': 'application/json' } },
        ),
    });
    render(
      <Providers>
        <StartDialog
          contact={{ id: 'contact-9', name: 'Olga', email: 'olga@shop.example', blocked: false }}
          onDone={() => {}}
        />
      </Providers>,
    );
    // Only channels that can reach a client unasked are offered.
    expect(screen.getByLabelText('Channel').textContent).toBe('Support mail');
    fireEvent.change(screen.getByLabelText('Subject (e-mail)'), {
      target: { value: 'Your order' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Start conversation' }));
    await waitFor(() => expect(router.get()).toMatchObject({ conversationId: 'conv-out' }));
    expect(callsTo(calls, 'POST', '/conversations')[0]!.body).toEqual({
      contactId: 'contact-9',
      channelId: 'mail',
      subject: 'Your order',
    });
  });
});

describe('routes', () => {
  it('opens a conversation at a message from ?m=', () => {
    expect(parsePath('/c/abc', '?m=12')).toEqual({
      view: 'workspace',
      conversationId: 'abc',
      seq: 12,
    });
    expect(parsePath('/c/abc', '?m=x')).toEqual({ view: 'workspace', conversationId: 'abc' });
    expect(parsePath('/find')).toEqual({ view: 'find' });
  });
});
