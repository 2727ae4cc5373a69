// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Replay, ReplaySide } from '../../web/src/api/replay';
import { ReplayView } from '../../web/src/views/replay/replay-view';
import { callsTo, mockApi, signInAs } from './api-mock';
import { Providers } from './setup';

const side = (sl: number, wait: number, online: number): ReplaySide => ({
  totals: {
    conversations: 120,
    serviceLevel: sl,
    avgWaitS: wait,
    p90WaitS: wait * 3,
    abandoned: 4,
  },
  operators: [
    {
      id: 'op-t',
      name: 'Tatiana',
      virtual: false,
      onlineHours: online,
      handled: 70,
      occupancy: 0.62,
    },
  ],
  hours: [
    {
      start: '2026-11-23T09:00:00.000Z',
      operatorsOnline: online / 10,
      conversations: 12,
      serviceLevel: sl,
      avgWaitS: wait,
      p90WaitS: wait,
      abandoned: 0,
    },
  ],
});

function serve() {
  return mockApi({
    'POST /replay': (req): Replay => {
      const settings = (req.body as { settings: { operatorsPerHour?: number[] } }).settings;
      return {
        baseline: {
          mode: 'least_loaded',
          teams: [],
          operators: [{ id: 'op-t', name: 'Tatiana', limit: 5 }],
          channels: [{ id: 'ch-w', name: 'Website chat', priority: 1 }],
          slaSeconds: 20,
        },
        period: { from: '2026-11-16T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z', tz: 'UTC' },
        slaSeconds: 20,
        actual: side(0.8, 30, 40),
        replay: settings.operatorsPerHour ? side(0.95, 5, 60) : side(0.79, 31, 40),
        unchanged: { totals: side(0.79, 31, 40).totals },
      };
    },
  });
}

describe('what-if replay page', () => {
  beforeEach(() => signInAs('supervisor'));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows what happened beside the replay, and sends only what was changed', async () => {
    const calls = serve();
    render(<ReplayView />, { wrapper: Providers });
    const summary = await screen.findByRole('table', { name: 'Actual and replayed' });
    const sl = within(summary).getByRole('rowheader', { name: 'Service level' }).closest('tr')!;
    expect([...sl.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '80%',
      '79%',
      '79%',
    ]);
    expect(screen.getByText(/differs from what happened by 1.0 points/)).toBeTruthy();
    expect(callsTo(calls, 'POST', '/replay')[0]!.body).toMatchObject({ settings: {} });

    fireEvent.change(screen.getByLabelText('Operators online every hour'), {
      target: { value: '6' },
    });
    fireEvent.change(screen.getByLabelText('Tatiana'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Website chat'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    await waitFor(() => expect(callsTo(calls, 'POST', '/replay')).toHaveLength(2));
    // The channel's priority is what it was: not sent.
    expect(callsTo(calls, 'POST', '/replay')[1]!.body).toMatchObject({
      settings: { operatorsPerHour: Array(24).fill(6), limits: { 'op-t': 3 } },
    });
    expect(
      (callsTo(calls, 'POST', '/replay')[1]!.body as Replay & { settings: object }).settings,
    ).not.toHaveProperty('channelPriorities');
    await waitFor(() => expect(within(sl.closest('table')!).getAllByText('95%')).toHaveLength(1));
  });

  it('names a bad value and asks nothing of the server', async () => {
    const calls = serve();
    render(<ReplayView />, { wrapper: Providers });
    await screen.findByRole('table', { name: 'Actual and replayed' });
    fireEvent.change(screen.getByLabelText('Service level threshold (s)'), {
      target: { value: '-1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(await screen.findAllByText('Check the highlighted value.')).not.toHaveLength(0);
    expect(callsTo(calls, 'POST', '/replay')).toHaveLength(1);
  });
});
