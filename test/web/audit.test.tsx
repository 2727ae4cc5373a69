// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_CHECKS } from '../../src/domain/audit/types';
import type { AuditDetail, FailingRow } from '../../web/src/api/reports';
import { formatDateTime } from '../../web/src/lib/format';
import { reference } from '../../web/src/state/reference';
import { router } from '../../web/src/state/router';
import { AuditView } from '../../web/src/views/audit/audit-view';
import { callsTo, mockApi, type Recorded, signInAs } from './api-mock';
import { Providers, TEAM } from './setup';

const NOW = Date.parse('2026-03-12T10:00:00Z');
const DAY = 86_400_000;

const DETAIL: AuditDetail = {
  conversationId: 'conv-7',
  operatorId: 'op-natalia',
  closedAt: '2026-03-11T15:00:00.000Z',
  score: 0.5,
  checks: AUDIT_CHECKS.map((check) => ({
    check,
    outcome: check === 'greeting' ? 'pass' : check === 'farewell' ? 'fail' : 'na',
    messageId: check === 'greeting' ? 'msg-1' : null,
    note: check === 'farewell' ? 'No goodbye at the end.' : '',
    span: null,
  })),
  review: null,
};

const MESSAGES = [
  {
    id: 'msg-1',
    conversationId: 'conv-7',
    seq: 1,
    author: 'operator',
    authorId: 'op-natalia',
    authorName: 'Natalia',
    text: 'Hello! <b>How</b> can I help?',
    attachments: [],
    clientKey: null,
    createdAt: '2026-03-11T14:50:00.000Z',
  },
];

const AGREEMENT = {
  reviewed: 4,
  agree: 38,
  total: 40,
  agreement: 0.95,
  perCheck: AUDIT_CHECKS.map((check) => ({
    check,
    agree: check === 'helped_check' ? 3 : 4,
    total: 4,
    agreement: check === 'helped_check' ? 0.75 : 1,
  })),
  disagreements: [],
};

function failing(n: number, offset = 0): FailingRow[] {
  return Array.from({ length: n }, (_, i) => ({
    conversationId: `conv-f${offset + i}`,
    contactId: `contact-f${offset + i}`,
    contactName: null,
    operatorId: 'op-natalia',
    operatorName: 'Natalia',
    closedAt: new Date(NOW - (offset + i + 1) * 60_000).toISOString(),
    score: 0.4,
    failed: ['farewell'],
  }));
}

function serve(extra: Record<string, (req: Recorded) => unknown> = {}): Recorded[] {
  return mockApi({
    'GET /audit/operators': () => ({
      rows: [
        {
          operatorId: 'op-natalia',
          operatorName: 'Natalia',
          audited: 10,
          score: 0.8,
          checks: { greeting: { pass: 9, fail: 1, na: 0 }, farewell: { pass: 3, fail: 1, na: 6 } },
        },
      ],
    }),
    'GET /audit/failing': (req) => ({
      rows: req.query.get('before') ? failing(3, 50) : failing(50),
    }),
    'GET /audit/conversations/conv-7': () => DETAIL,
    'GET /conversations/conv-7/messages': () => ({ messages: MESSAGES }),
    'GET /audit/agreement': () => AGREEMENT,
    ...extra,
  });
}

describe('audit page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    signInAs('admin');
    reference.set({ operators: [], teams: [TEAM], channels: [], categories: [], canned: [] });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows pass rate and pass / fail / n.a. counts per check for each operator', async () => {
    serve();
    render(<AuditView conversationId={null} />, { wrapper: Providers });
    const scores = screen.getByRole('region', { name: 'Scores by operator' });
    const row = (await within(scores).findByRole('rowheader', { name: 'Natalia' })).closest('tr')!;
    const cells = [...row.querySelectorAll('td')];
    expect(cells.slice(0, 2).map((c) => c.textContent)).toEqual(['10', '80%']);
    const farewell = cells[2 + AUDIT_CHECKS.indexOf('farewell')]!;
    expect(farewell.textContent).toBe('75%Pass 3/Fail 1/N/A 6');
    // A check with no counts yet shows a dash, not zeros.
    expect(cells[2 + AUDIT_CHECKS.indexOf('name')]!.textContent).toBe('—');
  });

  it('filters failing dialogs by check and pages back by close time', async () => {
    const calls = serve();
    render(<AuditView conversationId={null} />, { wrapper: Providers });
    const list = screen.getByRole('region', { name: 'Failing dialogs' });
    await waitFor(() => expect(within(list).getAllByRole('row')).toHaveLength(51));

    fireEvent.change(within(list).getByLabelText('Check'), { target: { value: 'farewell' } });
    await waitFor(() =>
      expect(Object.fromEntries(callsTo(calls, 'GET', '/audit/failing').at(-1)!.query)).toEqual({
        from: new Date(NOW - 7 * DAY).toISOString(),
        to: new Date(NOW).toISOString(),
        check: 'farewell',
        limit: '50',
      }),
    );
    await waitFor(() => expect(within(list).getAllByRole('row')).toHaveLength(51));

    fireEvent.click(within(list).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(within(list).getAllByRole('row')).toHaveLength(54));
    const older = callsTo(calls, 'GET', '/audit/failing').at(-1)!.query;
    expect(older.get('before')).toBe(failing(50)[49]!.closedAt);
    expect(older.get('check')).toBe('farewell');
    // Fewer than a page came back: nothing older is left.
    expect(within(list).queryByRole('button', { name: 'Older' })).toBeNull();

    const first = within(list)
      .getAllByRole('link')
      .find((a) => a.getAttribute('href') === '/audit/conv-f0');
    fireEvent.click(first!);
    expect(router.get()).toEqual({ view: 'audit', conversationId: 'conv-f0' });
  });

  it('names each failing dialog by its client — name, else e-mail, else a placeholder — beside its close time', async () => {
    const rows: FailingRow[] = [
      { ...failing(1)[0]!, conversationId: 'conv-n', contactName: 'Olena Kovalenko' },
      { ...failing(1)[0]!, conversationId: 'conv-m', contactName: 'max@example.com' },
      {
        ...failing(1)[0]!,
        conversationId: 'conv-x',
        contactId: 'c0ffee99-anon',
        contactName: null,
      },
    ];
    serve({ 'GET /audit/failing': () => ({ rows }) });
    render(<AuditView conversationId={null} />, { wrapper: Providers });
    const list = screen.getByRole('region', { name: 'Failing dialogs' });
    const named = await within(list).findByRole('link', { name: 'Olena Kovalenko' });
    expect(named.getAttribute('href')).toBe('/audit/conv-n');
    expect(within(list).getByRole('link', { name: 'max@example.com' })).toBeTruthy();
    expect(within(list).getByRole('link', { name: 'Client #c0ffee' })).toBeTruthy();
    const headers = within(list)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers.slice(0, 2)).toEqual(['Client', 'Closed']);
    const closed = named.closest('tr')!.querySelector('td')!.textContent;
    expect(closed).toBe(formatDateTime(rows[0]!.closedAt, 'en'));
  });

  it("shows each check's outcome with the message it refers to, as plain text", async () => {
    serve();
    const { container } = render(<AuditView conversationId="conv-7" />, { wrapper: Providers });
    const detail = screen.getByRole('region', { name: 'Audit of conversation conv-7' });
    const greeting = (await within(detail).findByRole('rowheader', { name: 'Greeting' })).closest(
      'tr',
    )!;
    await waitFor(() => expect(greeting.textContent).toContain('Hello! <b>How</b> can I help?'));
    expect(within(greeting).getByText('Pass')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    const farewell = within(detail)
      .getByRole('rowheader', { name: 'Goodbye by name' })
      .closest('tr')!;
    expect(farewell.textContent).toContain('No goodbye at the end.');
  });

  it('submits all ten verdicts and the comment, and shows the stored review', async () => {
    const calls = serve({
      'PUT /audit/conversations/conv-7/review': (req) => {
        const body = req.body as { verdicts: Record<string, string>; comment: string };
        return {
          ...DETAIL,
          review: {
            reviewerId: 'op-olga',
            reviewerName: 'Olga',
            reviewedAt: new Date(NOW).toISOString(),
            verdicts: body.verdicts,
            comment: body.comment,
          },
        };
      },
    });
    render(<AuditView conversationId="conv-7" />, { wrapper: Providers });
    const form = (await screen.findByRole('heading', { name: 'Review' })).closest('form')!;
    // Starts from the automatic outcomes; the reviewer overrides two.
    const farewell = within(form).getByRole('group', { name: 'Goodbye by name' });
    expect(within(farewell).getByRole('radio', { name: 'Fail' })).toHaveProperty('checked', true);
    fireEvent.click(within(farewell).getByRole('radio', { name: 'Pass' }));
    const name = within(form).getByRole('group', { name: 'Client’s name' });
    fireEvent.click(within(name).getByRole('radio', { name: 'Fail' }));
    fireEvent.change(within(form).getByLabelText('Comment'), {
      target: { value: 'Said goodbye in the last message.' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Save review' }));

    await waitFor(() =>
      expect(callsTo(calls, 'PUT', '/audit/conversations/conv-7/review')).toHaveLength(1),
    );
    const body = callsTo(calls, 'PUT', '/audit/conversations/conv-7/review')[0]!.body as {
      verdicts: Record<string, string>;
      comment: string;
    };
    expect(Object.keys(body.verdicts).sort()).toEqual([...AUDIT_CHECKS].sort());
    expect(body.verdicts).toEqual({
      greeting: 'pass',
      name: 'fail',
      clarifying_question: 'na',
      no_one_word: 'na',
      no_phone_push: 'na',
      wait_warning: 'na',
      helped_check: 'na',
      anything_else: 'na',
      farewell: 'pass',
      no_brush_off: 'na',
    });
    expect(body.comment).toBe('Said goodbye in the last message.');
    expect(await within(form).findByText(/^Reviewed by Olga/)).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Update review' })).toBeTruthy();
  });

  it('highlights the field the server rejects', async () => {
    mockApi({
      'GET /audit/conversations/conv-7': () => DETAIL,
      'GET /conversations/conv-7/messages': () => ({ messages: [] }),
    });
    const base = globalThis.fetch;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string, init: RequestInit = {}) =>
        init.method === 'PUT'
          ? new Response(
              JSON.stringify({
                error: {
                  code: 'validation_failed',
                  message: 'comment: at most 2000 characters',
                  field: 'comment',
                },
              }),
              { status: 400 },
            )
          : base(input, init),
      ),
    );
    render(<AuditView conversationId="conv-7" />, { wrapper: Providers });
    const form = (await screen.findByRole('heading', { name: 'Review' })).closest('form')!;
    fireEvent.click(within(form).getByRole('button', { name: 'Save review' }));
    expect(await within(form).findByText('comment: at most 2000 characters')).toBeTruthy();
    expect(within(form).getByLabelText('Comment').getAttribute('aria-invalid')).toBe('true');
  });

  it('draws a review sample for the filtered period and operator', async () => {
    reference.set({
      operators: [
        {
          id: 'op-natalia',
          email: 'n@test.example',
          name: 'Natalia',
          role: 'operator',
          status: 'online',
          limit: 5,
          openCount: 0,
          languages: ['en'],
          teamIds: [],
          active: true,
          invited: false,
        },
      ],
      teams: [TEAM],
      channels: [],
      categories: [],
      canned: [],
    });
    const calls = serve({
      'POST /audit/sample': () => ({
        conversationIds: ['conv-a', 'conv-b'],
        conversations: [
          {
            conversationId: 'conv-a',
            contactId: 'contact-a',
            contactName: 'Olena Kovalenko',
            closedAt: '2026-03-11T15:00:00.000Z',
          },
          {
            conversationId: 'conv-b',
            contactId: 'beefcafe-b',
            contactName: null,
            closedAt: '2026-03-10T09:30:00.000Z',
          },
        ],
      }),
    });
    render(<AuditView conversationId={null} />, { wrapper: Providers });
    fireEvent.change(screen.getByLabelText('Operator'), { target: { value: 'op-natalia' } });
    const sample = screen.getByRole('region', { name: 'Review sample' });
    fireEvent.change(within(sample).getByLabelText('Dialogs to draw'), {
      target: { value: '300' },
    });
    fireEvent.click(within(sample).getByRole('button', { name: 'Draw a sample' }));
    expect(await within(sample).findByText('Choose 1 to 200 dialogs.')).toBeTruthy();
    expect(callsTo(calls, 'POST', '/audit/sample')).toHaveLength(0);

    fireEvent.change(within(sample).getByLabelText('Dialogs to draw'), { target: { value: '2' } });
    fireEvent.click(within(sample).getByRole('button', { name: 'Draw a sample' }));
    const anonymous = await within(sample).findByRole('link', { name: 'Client #beefca' });
    expect(anonymous.closest('li')!.querySelector('time')!.getAttribute('datetime')).toBe(
      '2026-03-10T09:30:00.000Z',
    );
    expect(anonymous.closest('li')!.textContent).toContain(
      formatDateTime('2026-03-10T09:30:00.000Z', 'en'),
    );
    expect(callsTo(calls, 'POST', '/audit/sample')[0]!.body).toEqual({
      size: 2,
      from: new Date(NOW - 7 * DAY).toISOString(),
      to: new Date(NOW).toISOString(),
      operatorId: 'op-natalia',
    });
    fireEvent.click(within(sample).getByRole('link', { name: 'Olena Kovalenko' }));
    expect(router.get()).toEqual({ view: 'audit', conversationId: 'conv-a' });
  });
});
