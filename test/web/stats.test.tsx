// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BreakdownReport, OperatorReportRow } from '../../web/src/api/reports';
import type { OperatorView } from '../../web/src/api/types';
import { Header } from '../../web/src/components/header';
import { reference } from '../../web/src/state/reference';
import { router } from '../../web/src/state/router';
import { StatsView } from '../../web/src/views/stats/stats-view';
import { callsTo, mockApi, type Recorded, signInAs } from './api-mock';
import { channel, Providers, TEAM } from './setup';

const NOW = Date.parse('2026-03-12T10:00:00Z');
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
      key: '2026-03-10T00:00:00.000Z',
      label: '2026-03-10T00:00:00.000Z',
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
      key: '2026-03-11T00:00:00.000Z',
      label: '2026-03-11T00:00:00.000Z',
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

function serve(): Recorded[] {
  return mockApi({
    'GET /reports/operators': () => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      serviceLevelThresholdS: 20,
      rows: [NATALIA],
    }),
    'GET /reports/breakdown': (req) => ({ ...BREAKDOWN, by: req.query.get('by') }),
    'GET /reports/bot': () => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      by: 'channel',
      rows: [
        {
          key: 'web',
          label: 'Website',
          conversations: 10,
          resolvedByBot: 5,
          handedOver: 4,
          leftWithBot: 1,
          containmentRate: 0.5,
          botTimeAvgS: 75,
        },
      ],
    }),
    'GET /reports/bot-articles': () => ({
      from: BREAKDOWN.from,
      to: BREAKDOWN.to,
      rows: [
        {
          articleId: 'a1',
          title: 'Delivery times',
          shown: 8,
          helped: 3,
          notHelped: 1,
          helpedRate: 0.75,
        },
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
  beforeEach(() => {
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

  it('shows the bot: containment and time with the bot per channel, and the articles’ helped rate', async () => {
    serve();
    render(<StatsView />, { wrapper: Providers });
    const channelRow = (await screen.findByRole('rowheader', { name: 'Website' })).closest('tr')!;
    expect(channelRow.textContent).toContain('50%');
    expect(channelRow.textContent).toContain('1:15');
    const article = (await screen.findByRole('rowheader', { name: 'Delivery times' })).closest(
      'tr',
    )!;
    expect(article.textContent).toContain('75%');
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
    });
    const categories = csvHref('Categories by channel');
    expect(categories.pathname).toBe('/api/v1/reports/categories-by-channel');
    expect(categories.searchParams.get('channelId')).toBe('web');
    expect(categories.searchParams.get('format')).toBe('csv');
  });

  it('shows every operator figure and opens liked dialogs in the workspace', async () => {
    serve();
    render(<StatsView />, { wrapper: Providers });
    const row = (await screen.findByRole('rowheader', { name: 'Natalia' })).closest('tr')!;
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent);
    expect(cells).toEqual([
      '12',
      '14.3 s',
      '9 s',
      '40',
      '2',
      '1:15',
      '10:00',
      '2',
      '0',
      '10',
      '2',
      '88%',
    ]);

    fireEvent.click(
      within(row).getByRole('button', { name: 'Show the 2 liked conversations of Natalia' }),
    );
    const list = screen.getByRole('heading', { name: 'Liked conversations of Natalia' })
      .parentElement!;
    const links = within(list).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/c/conv-liked-1',
      '/c/conv-liked-2',
    ]);
    fireEvent.click(links[1]!);
    expect(router.get()).toEqual({ view: 'workspace', conversationId: 'conv-liked-2' });
  });

  it('charts the breakdown per bucket and draws a bar per category', async () => {
    serve();
    const { container } = render(<StatsView />, { wrapper: Providers });
    await screen.findByRole('rowheader', { name: 'Natalia' });
    await waitFor(() => expect(container.querySelectorAll('.chart rect.bar')).toHaveLength(2));
    const titles = [...container.querySelectorAll('.chart title')].map((t) => t.textContent);
    // Volume for both days; service level and first response only where defined.
    expect(titles.filter((t) => t?.endsWith(': 8'))).toHaveLength(1);
    expect(titles.filter((t) => t?.endsWith(': 75%'))).toHaveLength(1);
    expect(titles.filter((t) => t?.endsWith(': 15 s'))).toHaveLength(1);

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

  it('shows statistics, audit and staffing to supervisors and admins only', () => {
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
    expect(names()).toEqual(['Workspace', 'Find', 'Monitor', 'Statistics', 'Audit', 'Staffing']);
  });
});
