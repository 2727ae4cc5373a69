// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUDIT_CHECKS } from '../../src/domain/audit/types';
import type { AuditDetail } from '../../web/src/api/reports';
import { reference } from '../../web/src/state/reference';
import { AdminView } from '../../web/src/views/admin/admin-view';
import { segments } from '../../web/src/views/audit/audit-transcript';
import { AuditView } from '../../web/src/views/audit/audit-view';
import { callsTo, mockApi, signInAs } from './api-mock';
import { Providers, TEAM } from './setup';

const NOW = Date.parse('2026-03-12T10:00:00Z');

const message = (id: string, seq: number, author: string, text: string) => ({
  id,
  conversationId: 'conv-9',
  seq,
  author,
  authorId: author === 'operator' ? 'op-natalia' : null,
  authorName: author === 'operator' ? 'Natalia' : 'Client',
  text,
  attachments: [],
  clientKey: null,
  createdAt: new Date(NOW - (10 - seq) * 60_000).toISOString(),
});

const MESSAGES = [
  message('m1', 1, 'contact', 'Where is my <i>order</i>?'),
  message('m2', 2, 'operator', 'Hello Emily! See our FAQ on the website.'),
  message('m3', 3, 'operator', 'Bye.'),
];

const DETAIL: AuditDetail = {
  conversationId: 'conv-9',
  operatorId: 'op-natalia',
  closedAt: '2026-03-11T15:00:00.000Z',
  score: 0.5,
  checks: AUDIT_CHECKS.map((check) => {
    if (check === 'greeting')
      return { check, outcome: 'pass', messageId: 'm2', note: '', span: [0, 5] };
    if (check === 'name')
      return { check, outcome: 'pass', messageId: 'm2', note: '', span: [6, 11] };
    if (check === 'no_brush_off')
      return { check, outcome: 'fail', messageId: 'm2', note: 'Sent to the FAQ.', span: [13, 39] };
    if (check === 'farewell')
      return { check, outcome: 'fail', messageId: 'm3', note: 'No name.', span: null };
    return { check, outcome: 'na', messageId: null, note: '', span: null };
  }),
  review: null,
};

const agreement = (helped: number) => ({
  reviewed: 2,
  agree: 18 + helped,
  total: 20,
  agreement: (18 + helped) / 20,
  perCheck: AUDIT_CHECKS.map((check) => ({
    check,
    agree: check === 'helped_check' ? helped : 2,
    total: 2,
    agreement: check === 'helped_check' ? helped / 2 : 1,
  })),
  disagreements: [],
});

describe('audit transcript and agreement', () => {
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

  it('splits text at every highlight, sharing a segment between overlapping checks', () => {
    const a = {
      check: 'greeting' as const,
      outcome: 'pass' as const,
      messageId: 'm',
      note: '',
      span: [0, 5] as [number, number],
    };
    const b = {
      check: 'name' as const,
      outcome: 'fail' as const,
      messageId: 'm',
      note: '',
      span: [3, 8] as [number, number],
    };
    const out = segments('Hello there', [a, b]);
    expect(out.map((s) => [s.text, s.checks.map((c) => c.check)])).toEqual([
      ['Hel', ['greeting']],
      ['lo', ['greeting', 'name']],
      [' th', ['name']],
      ['ere', []],
    ]);
    // Spans beyond the text (an edited message) are clipped, never thrown on.
    expect(segments('Hi', [{ ...a, span: [1, 99] }]).map((s) => s.text)).toEqual(['H', 'i']);
  });

  it('shows the whole transcript with each deciding phrase marked, as plain text', async () => {
    mockApi({
      'GET /audit/operators': () => ({ rows: [] }),
      'GET /audit/failing': () => ({ rows: [] }),
      'GET /audit/conversations/conv-9': () => DETAIL,
      'GET /conversations/conv-9/messages': () => ({ messages: MESSAGES }),
      'GET /audit/agreement': () => agreement(1),
    });
    const { container } = render(<AuditView conversationId="conv-9" />, { wrapper: Providers });
    const transcript = await screen.findByRole('region', { name: 'Transcript' });
    await waitFor(() =>
      expect(within(transcript).getAllByRole('listitem').length).toBeGreaterThan(3),
    );
    const marks = [...transcript.querySelectorAll('mark')].map((m) => [
      m.textContent,
      m.getAttribute('data-checks'),
      m.className,
    ]);
    expect(marks).toEqual([
      ['Hello', 'greeting', 'audit-mark outcome-pass'],
      ['Emily', 'name', 'audit-mark outcome-pass'],
      ['See our FAQ on the website', 'no_brush_off', 'audit-mark outcome-fail'],
    ]);
    // A verdict on a whole message says so beside it.
    expect(transcript.textContent).toContain('Goodbye by name: Fail (the whole message)');
    // The client's text stays text.
    expect(transcript.textContent).toContain('Where is my <i>order</i>?');
    expect(container.querySelector('i')).toBeNull();
  });

  it("shows reviewers' agreement per check and follows a saved review", async () => {
    let helped = 1;
    const calls = mockApi({
      'GET /audit/operators': () => ({ rows: [] }),
      'GET /audit/failing': () => ({ rows: [] }),
      'GET /audit/conversations/conv-9': () => DETAIL,
      'GET /conversations/conv-9/messages': () => ({ messages: MESSAGES }),
      'GET /audit/agreement': () => agreement(helped),
      'PUT /audit/conversations/conv-9/review': () => {
        helped = 2;
        return DETAIL;
      },
    });
    render(<AuditView conversationId="conv-9" />, { wrapper: Providers });
    const card = await screen.findByRole('region', { name: 'Agreement with reviewers' });
    const row = (
      await within(card).findByRole('rowheader', { name: 'Asked if it helped' })
    ).closest('tr')!;
    expect(row.textContent).toBe('Asked if it helped50%1/2');
    const form = (await screen.findByRole('heading', { name: 'Review' })).closest('form')!;
    fireEvent.click(within(form).getByRole('button', { name: 'Save review' }));
    await waitFor(() => expect(callsTo(calls, 'GET', '/audit/agreement').length).toBe(2));
    await waitFor(() => expect(row.textContent).toBe('Asked if it helped100%2/2'));
  });

  it('lets an admin switch checks off and add phrases per language', async () => {
    const calls = mockApi({
      'GET /audit/settings': () => ({
        disabled: ['name'],
        phrases: {
          ru: { greeting: ['Рады вас видеть'], farewell: [], banned: [] },
          uk: { greeting: [], farewell: [], banned: [] },
          en: { greeting: [], farewell: [], banned: [] },
        },
        updatedAt: null,
      }),
      'PUT /audit/settings': (req) => req.body,
    });
    render(<AdminView section="audit" />, { wrapper: Providers });
    const name = await screen.findByRole('checkbox', { name: 'Client’s name' });
    expect(name).toHaveProperty('checked', false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Asked for anything else' }));
    const english = screen.getByRole('group', { name: /^English/ });
    fireEvent.change(within(english).getByLabelText(/^Banned phrases/), {
      target: { value: 'calm down\n\n  read the manual  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save audit settings' }));
    await waitFor(() => expect(callsTo(calls, 'PUT', '/audit/settings')).toHaveLength(1));
    const body = callsTo(calls, 'PUT', '/audit/settings')[0]!.body as {
      disabled: string[];
      phrases: Record<string, Record<string, string[]>>;
    };
    expect(body.disabled.sort()).toEqual(['anything_else', 'name']);
    expect(body.phrases.en!.banned).toEqual(['calm down', 'read the manual']);
    expect(body.phrases.ru!.greeting).toEqual(['Рады вас видеть']);
  });
});
