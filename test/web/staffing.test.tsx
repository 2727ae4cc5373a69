// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Staffing, StaffingCell } from '../../web/src/api/reports';
import { StaffingView } from '../../web/src/views/staffing/staffing-view';
import { callsTo, mockApi, type Recorded, signInAs } from './api-mock';
import { Providers } from './setup';

// Demand peaks on weekdays at noon; nights need one operator.
function cell(dayOfWeek: number, hour: number): StaffingCell {
  const busy = dayOfWeek < 5 && hour >= 9 && hour < 18;
  const recommendedOperators = busy ? hour - 5 : 1;
  const scheduledOperators = busy ? 5 : 1;
  return {
    dayOfWeek,
    hour,
    minute: 0,
    arrivals: busy ? 30 + hour : 2.25,
    arrivalsPerHour: busy ? 30 + hour : 2.25,
    handleTimeS: busy ? 400 : 300,
    recommendedOperators,
    scheduledOperators,
    gap: scheduledOperators - recommendedOperators,
    open: busy,
  };
}

function serve(): Recorded[] {
  return mockApi({
    'GET /staffing': (req): Staffing => ({
      inputs: {
        weeks: Number(req.query.get('weeks')),
        interval: 60,
        slTarget: Number(req.query.get('slTarget')),
        slSeconds: Number(req.query.get('slSeconds')),
        concurrency: Number(req.query.get('concurrency') ?? 1.6),
        measuredConcurrency: 1.6,
        averageLimit: 4.25,
        tz: 'Europe/Moscow',
        from: '2026-02-12T00:00:00.000Z',
        to: '2026-03-12T00:00:00.000Z',
      },
      cells: Array.from({ length: 168 }, (_, i) => cell(Math.floor(i / 24), i % 24)),
    }),
  });
}

describe('staffing page', () => {
  beforeEach(() => {
    signInAs('supervisor');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('renders the week as 168 cells of recommended operators with arrivals and handle time', async () => {
    const calls = serve();
    const { container } = render(<StaffingView />, { wrapper: Providers });
    await waitFor(() => expect(container.querySelectorAll('td[data-cell]')).toHaveLength(168));
    // No concurrency asked: the server uses what operators actually sustained.
    expect(Object.fromEntries(callsTo(calls, 'GET', '/staffing')[0]!.query)).toEqual({
      weeks: '4',
      interval: '60',
      slTarget: '0.8',
      slSeconds: '20',
    });

    const map = screen.getByRole('table', {
      name: 'Recommended operators for each day of the week and hour',
    });
    const monday = within(map).getByRole('rowheader', { name: 'Monday' }).closest('tr')!;
    const noon = monday.querySelectorAll('td')[12]!;
    expect(noon.getAttribute('title')).toBe(
      'Monday 12:00: 7 operators — 42 arrivals per hour, handle time 6\u00a0min 40\u00a0s',
    );
    expect(noon.firstChild?.textContent).toBe('7');
    const sundayNight = within(map)
      .getByRole('rowheader', { name: 'Sunday' })
      .closest('tr')!
      .querySelectorAll('td')[3]!;
    expect(sundayNight.textContent).toBe(
      '1; 2.3 arrivals per hour, handle time 5\u00a0min 00\u00a0s',
    );
    // The busiest hour is darkest, a quiet one lightest.
    expect(monday.querySelectorAll('td')[17]!.getAttribute('data-level')).toBe('5');
    expect(sundayNight.getAttribute('data-level')).toBe('1');

    expect(screen.getByText(/^Measured over 4 weeks/).textContent).toContain(
      'Europe/Moscow); target 80% within 20\u00a0s; 1.6 chats per operator.',
    );
    expect(screen.getByText(/^Operators actually held/).textContent).toBe(
      'Operators actually held 1.6 chats at once on average (their limits average 4.3).',
    );
    // Required beside online for Monday: noon is short of two, night is closed.
    const schedule = screen.getByRole('table', { name: 'Required and online by interval' });
    const noonRow = within(schedule).getByRole('rowheader', { name: '12:00' }).closest('tr')!;
    expect([...noonRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '42',
      '6\u00a0min 40\u00a0s',
      '7',
      '5',
      'short of 2',
    ]);
    expect(within(schedule).getByRole('rowheader', { name: '03:00 (closed)' })).toBeTruthy();
    expect(
      screen.getByRole('link', { name: /Required and online by interval/ }).getAttribute('href'),
    ).toBe('/api/v1/staffing?weeks=4&interval=60&slTarget=0.8&slSeconds=20&format=csv');
  });

  it('asks 15-minute intervals and shows the schedule without the hourly map', async () => {
    const calls = serve();
    render(<StaffingView />, { wrapper: Providers });
    await waitFor(() => expect(callsTo(calls, 'GET', '/staffing')).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Interval'), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Calculate' }));
    await waitFor(() => expect(callsTo(calls, 'GET', '/staffing')).toHaveLength(2));
    expect(callsTo(calls, 'GET', '/staffing')[1]!.query.get('interval')).toBe('15');
  });

  it('recalculates with the edited inputs', async () => {
    const calls = serve();
    render(<StaffingView />, { wrapper: Providers });
    await waitFor(() => expect(callsTo(calls, 'GET', '/staffing')).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Weeks measured'), { target: { value: '8' } });
    fireEvent.change(screen.getByLabelText('Service level target (%)'), {
      target: { value: '90' },
    });
    fireEvent.change(screen.getByLabelText('Answered within (s)'), { target: { value: '30' } });
    fireEvent.change(screen.getByLabelText('Chats per operator'), { target: { value: '2.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Calculate' }));
    await waitFor(() => expect(callsTo(calls, 'GET', '/staffing')).toHaveLength(2));
    expect(Object.fromEntries(callsTo(calls, 'GET', '/staffing')[1]!.query)).toEqual({
      weeks: '8',
      interval: '60',
      slTarget: '0.9',
      slSeconds: '30',
      concurrency: '2.5',
    });
    expect(await screen.findByText(/^Measured over 8 weeks/)).toBeTruthy();
  });

  it('names the bad input and asks nothing of the server', async () => {
    const calls = serve();
    render(<StaffingView />, { wrapper: Providers });
    await waitFor(() => expect(callsTo(calls, 'GET', '/staffing')).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Service level target (%)'), {
      target: { value: '100' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Calculate' }));
    expect(
      await screen.findByText('Service level target: more than 0 and less than 100 %.'),
    ).toBeTruthy();
    expect(screen.getByLabelText('Service level target (%)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(callsTo(calls, 'GET', '/staffing')).toHaveLength(1);
  });
});
