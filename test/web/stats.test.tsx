// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BreakdownReport, DrillRow, OperatorReportRow } from '../../web/src/api/reports';
import type { OperatorView } from '../../web/src/api/types';
import { Header } from '../../web/src/components/header';
import { reference } from '../../web/src/state/reference';
import { router } from '../../web/src/state/router';
import { StatsView } from '../../web/src/views/stats/stats-view';
import { callsTo, mockApi, type Recorded, signInAs } from './api-mock';
import { type Drawn, installCanvas } from './canvas';
import { channel, Providers, TEAM } from './setup';

// The viewer sits in Moscow while the account has no zone of its own (UTC):
// reports are cut and labelled in the viewer's zone.
process.env.TZ = 'Europe/Moscow';

const NOW = Date.parse('2026-03-12T10:00:00Z');

function plain(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\u00a0/g, ' ');
}
const DAY = 86_400_000;

function operator(id: string, name: string): OperatorView {
  return {
    id,
    email: `${id}@test.example`,
    name,
    role: 'operator',
    status: 'online',
    limit: 5,
    openCount: 0,
    languages: ['en'],
    teamIds: [TEAM.id],
    active: true,
    invited: false,
  };
}

const NATALIA: OperatorReportRow = {
  operatorId: 'op-natalia',
  operatorName: 'Natalia',
  conversations: 12,
  firstResponseAvgS: 14.25,
  firstResponseMedianS: 9,
  answeredClientMessages: 40,
  unansweredClientMessages: 2,
  reactionAvgS: 75,
  durationAvgS: 600,
  likes: 2,
  dislikes: 0,
  likedConversationIds: ['conv-liked-1', 'conv-liked-2'],
  dislikedConversationIds: [],
  targeted: 10,
  nonTargeted: 2,
  auditScore: 0.875,
};

const BREAKDOWN: BreakdownReport = {
  from: new Date(NOW - 7 * DAY).toISOString(),
  to: new Date(NOW).toISOString(),
  by: 'day',
  serviceLevelThresholdS: 20,
  rows: [
    {
      key: '2026-03-09T21:00:00.000Z',
      label: '2026-03-10',
      conversations: 8,
      waitAvgS: 12,
      waitMedianS: 10,
      firstResponseAvgS: 15,
      serviceLevel: 0.75,
      answeredWithinThreshold: 6,
      abandoned: 1,
      targeted: 7,
      nonTargeted: 1,
    },
    {
      key: '2026-03-10T21:00:00.000Z',
      label: '2026-03-11',
      conversations: 0,
      waitAvgS: null,
      waitMedianS: null,
      firstResponseAvgS: null,
      serviceLevel: null,
      answeredWithinThreshold: 0,
      abandoned: 0,
      targeted: 0,
      nonTargeted: 0,
    },
  ],
};

function drillRow(over: Partial<DrillRow>): DrillRow {
  return {
    conversationId: 'c',
    clientName: 'Olga',
    channelId: 'web',
    channelName: 'Website',
    operatorId: 'op-natalia',
    operatorName: 'Natalia',
    createdAt: '2026-03-12T09:15:00.000Z',
    waitS: 4,
    firstResponseS: 14.25,
    outcome: 'answered',
    rating: 'like',
    ...over,
  };
}

function serve(): Recorded[] {
  return mockApi({
    'GET /reports/operators': () => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      serviceLevelThresholdS: 20,
      rows: [NATALIA],
    }),
    'GET /reports/breakdown': (req) => ({ ...BREAKDOWN, by: req.query.get('by') }),
    'GET /reports/flags': (req) => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      by: req.query.get('by'),
      rows: [
        {
          key: 'tg',
          label: 'Telegram',
          conversations: 8,
          flagged: 2,
          flaggedShare: 0.25,
          answered: 1,
          answerAvgS: 45,
          answerMedianS: 45,
        },
      ],
    }),
    'GET /reports/conversations': (req) => ({
      from: req.query.get('from'),
      to: req.query.get('to'),
      total: 2,
      rows: [
        drillRow({ conversationId: 'conv-liked-1', clientName: 'Olga', channelName: 'Website' }),
        drillRow({
          conversationId: 'conv-liked-2',
          clientName: null,
          channelName: 'Telegram',
          createdAt: '2026-03-11T18:00:00.000Z',
          waitS: null,
          firstResponseS: null,
          outcome: 'abandoned',
        }),
      ],
    }),
    'GET /reports/categories-by-channel': (req) => ({
      channelId: req.query.get('channelId'),
      rows: [
        { categoryId: 'cat-billing', categoryName: 'Billing', conversations: 6 },
        { categoryId: null, categoryName: '—', conversations: 2 },
      ],
    }),
  });
}

function lastQuery(calls: Recorded[], path: string): Record<string, string> {
  const list = callsTo(calls, 'GET', path);
  expect(list.length).toBeGreaterThan(0);
  return Object.fromEntries(list.at(-1)!.query);
}

function csvHref(name: string): URL {
  const link = screen.getByRole('link', { name: `Download “${name}” as CSV` });
  return new URL(link.getAttribute('href')!, 'http://app.test');
}

describe('statistics page', () => {
  let drawn: Drawn;
  beforeEach(() => {
    drawn = installCanvas();
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    signInAs('supervisor');
    reference.set({
      operators: [operator('op-natalia', 'Natalia'), operator('op-maxim', 'Maxim')],
      teams: [TEAM],
      channels: [channel('web', 1), channel('tg', 2)],
      categories: [],
      canned: [],
    });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks for the last 7 days by default, then narrows by channel, team and operator', async () => {
    const calls = serve();
    render(<StatsView />, { wrapper: Providers });
    await screen.findByRole('rowheader', { name: 'Natalia' });
    expect(lastQuery(calls, '/reports/operators')).toEqual({
      from: new Date(NOW - 7 * DAY).toISOString(),
      to: new Date(NOW).toISOString(),
    });

    const filters = screen.getByRole('form', { name: 'Report filters' });
    fireEvent.change(within(filters).getByLabelText('Channel'), { target: { value: 'tg' } });
    fireEvent.change(within(filters).getByLabelText('Team'), { target: { value: TEAM.id } });
    fireEvent.change(within(filters).getByLabelText('Operator'), {
      target: { value: 'op-maxim' },
    });
    fireEvent.change(within(filters).getByLabelText('Period'), { target: { value: '30d' } });
    await waitFor(() =>
      expect(lastQuery(calls, '/reports/operators')).toEqual({
        from: new Date(NOW - 30 * DAY).toISOString(),
        to: new Date(NOW).toISOString(),
        channelId: 'tg',
        teamId: TEAM.id,
        operatorId: 'op-maxim',
      }),
    );
    expect(lastQuery(calls, '/reports/breakdown')).toMatchObject({
      channelId: 'tg',
      teamId: TEAM.id,
      operatorId: 'op-maxim',
      by: 'day',
    });
    // The channel filter is also the first choice of the categories chart.
    expect(lastQuery(calls, '/reports/categories-by-channel').channelId).toBe('tg');
  });

  it('turns custom days into whole days, the last one included, and rejects a reversed range', async () => {
    const calls = serve();
    render(<StatsView />, { wrapper: Providers });
    await screen.findByRole('rowheader', { name: 'Natalia' });
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('To (inclusive)'), { target: { value: '2026-03-03' } });
    await waitFor(() =>
      expect(lastQuery(calls, '/reports/operators')).toEqual({
        from: new Date(2026, 2, 1).toISOString(),
        to: new Date(2026, 2, 4).toISOString(),
      }),
    );

    const before = callsTo(calls, 'GET', '/reports/operators').length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-05' } });
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'The first day must not be after the last one.',
    );
    expect(callsTo(calls, 'GET', '/reports/operators')).toHaveLength(before);
  });

  it('gives every table a CSV link with the same filters', async () => {
    serve();
    render(<StatsView />, { wrapper: Providers });
    await screen.findByRole('rowheader', { name: 'Natalia' });
    fireEvent.change(screen.getAllByLabelText('Channel')[0]!, { target: { value: 'web' } });
    fireEvent.change(screen.getByLabelText('By'), { target: { value: 'week' } });

    await waitFor(() => expect(csvHref('Breakdown').searchParams.get('by')).toBe('week'));
    const ops = csvHref('Operators');
    expect(ops.pathname).toBe('/api/v1/reports/operators');
    expect(Object.fromEntries(ops.searchParams)).toEqual({
      from: new Date(NOW - 7 * DAY).toISOString(),
      to: new Date(NOW).toISOString(),
      channelId: 'web',
      format: 'csv',
    });
    expect(Object.fromEntries(csvHref('Breakdown').searchParams)).toEqual({
      ...Object.fromEntries(ops.searchParams),
      by: 'week',
      tz: 'Europe/Moscow',
    });
    const categories = csvHref('Categories by channel');
    expect(categories.pathname).toBe('/api/v1/reports/categories-by-channel');
    expect(categories.searchParams.get('channelId')).toBe('web');
    expect(categories.searchParams.get('format')).toBe('csv');
    const flags = csvHref('Flagged conversations');
    expect(flags.pathname).toBe('/api/v1/reports/flags');
    expect(Object.fromEntries(flags.searchParams)).toEqual({
      ...Object.fromEntries(ops.searchParams),
      by: 'channel',
    });
  });

  it('shows the flagged conversations and how fast they were answered', async () => {
    serve();
    render(<StatsView />, { wrapper: Providers });
    const row = (await screen.findByRole('rowheader', { name: 'Telegram' })).closest('tr')!;
    expect(row.closest('[data-testid="flags-table"]')).not.toBeNull();
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent);
    expect(cells.slice(0, 4)).toEqual(['8', '2', '25%', '1']);
  });

  it('shows every operator figure and opens liked dialogs in the workspace', async () => {
    const calls = serve();
    render(<StatsView />, { wrapper: Providers });
    const row = (await screen.findByRole('rowheader', { name: 'Natalia' })).closest('tr')!;
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent);
    expect(cells.map((c) => c?.replace(/\u00a0/g, ' '))).toEqual([
      '12',
      '14.3 s',
      '9 s',
      '40',
      '2',
      '1 min 15 s',
      '10 min 00 s',
      '2',
      '0',
      '10',
      '2',
      '88%',
    ]);

    fireEvent.click(
      within(row).getByRole('button', { name: 'Show the 2 liked conversations of Natalia' }),
    );
    const list = (await screen.findByRole('heading', { name: 'Liked conversations of Natalia' }))
      .parentElement!;
    // The list asks for the operator's liked dialogs in the report's period and filters.
    expect(lastQuery(calls, '/reports/conversations')).toEqual({
      from: new Date(NOW - 7 * DAY).toISOString(),
      to: new Date(NOW).toISOString(),
      operatorId: 'op-natalia',
      rating: 'like',
    });
    await within(list).findByRole('rowheader', { name: 'Open the conversation with Olga' });
    const rows = within(list)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => plain(c)));
    expect(rows).toEqual([
      ['Olga', 'Website', 'Natalia', 'Mar 12, 12:15 PM', '4 s', '14.3 s', 'Answered'],
      [
        'Client without a name',
        'Telegram',
        'Natalia',
        'Mar 11, 9:00 PM',
        '—',
        '—',
        'Client left unanswered',
      ],
    ]);
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/c/conv-liked-1',
      '/c/conv-liked-2',
    ]);
    fireEvent.click(links[1]!);
    expect(router.get()).toEqual({ view: 'workspace', conversationId: 'conv-liked-2' });
  });

  it('charts the breakdown per bucket with the same numbers as the table, and a bar per category', async () => {
    const calls = serve();
    const { container } = render(<StatsView />, { wrapper: Providers });
    await screen.findByRole('rowheader', { name: 'Natalia' });
    const breakdown = screen.getByRole('region', { name: 'Breakdown' });
    // Three charts over the same days: volume, service level, wait and first response.
    await waitFor(() => expect(breakdown.querySelectorAll('.u-over')).toHaveLength(3));
    expect(
      within(breakdown)
        .getAllByRole('img')
        .map((f) => f.getAttribute('aria-label')),
    ).toEqual([
      'Conversations per period: chart of 2 periods. Use the arrow keys to read each value.',
      'Service level (answered within 20\u00a0s): chart of 2 periods. Use the arrow keys to read each value.',
      'Wait and first response: chart of 2 periods. Use the arrow keys to read each value.',
    ]);
    await waitFor(() => expect(drawn.texts).toContain('Time (Europe/Moscow)'));
    expect(lastQuery(calls, '/reports/breakdown').tz).toBe('Europe/Moscow');
    // The SLA thresholds of the account (2 s yellow, 4 s red) and T = 20 s as reference lines.
    expect(plain(breakdown.querySelector('.chart-legend'))).toContain('Service level time: 20 s');
    expect(plain(breakdown.querySelector('.chart-legend'))).toContain('Yellow after: 2 s');
    expect(plain(breakdown.querySelector('.chart-legend'))).toContain('Red after: 4 s');
    // The tooltip of the first day shows the row of the table for that day.
    const [volume, level, times] = within(breakdown).getAllByRole('img');
    fireEvent.keyDown(volume!, { key: 'Home' });
    expect(plain(within(volume!).getByRole('tooltip'))).toBe('Tue, Mar 10Conversations: 8');
    fireEvent.keyDown(level!, { key: 'Home' });
    expect(plain(within(level!).getByRole('tooltip'))).toBe('Tue, Mar 10Service level: 75%');
    fireEvent.keyDown(times!, { key: 'End' });
    expect(plain(within(times!).getByRole('tooltip'))).toBe(
      'Wed, Mar 11Wait, avg: —Wait, median: —First response, avg: —',
    );
    const firstRow = within(breakdown)
      .getByRole('rowheader', { name: 'Tue, Mar 10' })
      .closest('tr')!;
    expect([...firstRow.querySelectorAll('td')].slice(0, 5).map((c) => plain(c))).toEqual([
      '8',
      '12 s',
      '10 s',
      '15 s',
      '75%',
    ]);
    expect(container.querySelector('svg')).toBeNull();

    // A day's count opens the conversations of that day (within the report's period).
    fireEvent.click(
      within(firstRow).getByRole('button', { name: 'Show the 8 conversations of Tue, Mar 10' }),
    );
    await within(breakdown).findByRole('heading', { name: 'Conversations of Tue, Mar 10' });
    expect(lastQuery(calls, '/reports/conversations')).toEqual({
      from: '2026-03-09T21:00:00.000Z',
      to: '2026-03-10T21:00:00.000Z',
    });
    // An empty day has nothing to open.
    const emptyRow = within(breakdown)
      .getByRole('rowheader', { name: 'Wed, Mar 11' })
      .closest('tr')!;
    expect(within(emptyRow).queryByRole('button')).toBeNull();

    const categories = screen.getByRole('region', { name: 'Categories by channel' });
    await within(categories).findByText('Billing');
    const bars = [...categories.querySelectorAll<HTMLElement>('.hbar')].map((b) => b.style.width);
    expect(bars).toEqual(['100%', `${(2 / 6) * 100}%`]);
    expect(within(categories).getByText('—')).toBeTruthy();
  });
});

describe('navigation', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the dashboard, statistics, audit and staffing to supervisors and admins only', () => {
    mockApi({});
    const names = () =>
      within(screen.getByRole('navigation', { name: 'Main' }))
        .getAllByRole('link')
        .map((a) => a.textContent);
    signInAs('operator');
    const view = render(<Header />, { wrapper: Providers });
    expect(names()).toEqual(['Workspace', 'Find']);
    view.unmount();
    signInAs('supervisor');
    render(<Header />, { wrapper: Providers });
    expect(names()).toEqual([
      'Workspace',
      'Find',
      'Monitor',
      'Dashboard',
      'Statistics',
      'Audit',
      'Staffing',
    ]);
  });
});
