// @vitest-environment happy-dom
// The breakdown's charts beside its table, and its drill-downs.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatsView } from '../../web/src/views/stats/stats-view';
import { type Drawn, installCanvas } from './canvas';
import { Providers } from './setup';
import { lastQuery, NOW, plain, serve, signInSupervisor } from './stats-fixtures';

describe('statistics breakdown', () => {
  let drawn: Drawn;
  beforeEach(() => {
    drawn = installCanvas();
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    signInSupervisor();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
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
