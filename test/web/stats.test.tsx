// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Header } from '../../web/src/components/header';
import { router } from '../../web/src/state/router';
import { StatsView } from '../../web/src/views/stats/stats-view';
import { callsTo, mockApi, signInAs } from './api-mock';
import { installCanvas } from './canvas';
import { Providers, TEAM } from './setup';
import { csvHref, DAY, lastQuery, NOW, plain, serve, signInSupervisor } from './stats-fixtures';

describe('statistics page', () => {
  beforeEach(() => {
    // The breakdown's charts draw on every page load (stats-breakdown.test.tsx reads them).
    installCanvas();
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    signInSupervisor();
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
    expect(channelRow.textContent).toContain('1\u00a0min 15\u00a0s');
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
      tz: 'Europe/Moscow',
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
      'What-if',
    ]);
  });
});
