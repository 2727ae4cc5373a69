// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queue } from '../../web/src/state/workspace';
import { QueuePanel } from '../../web/src/views/workspace/queue-panel';
import { channel, Providers, queued, resetStores, setReference, signIn } from './setup';

const NOW = Date.parse('2026-03-02T10:00:00Z');

function rows() {
  return screen.getAllByRole('listitem');
}

function colourOf(row: HTMLElement) {
  return row.querySelector('[data-sla]')?.getAttribute('data-sla');
}

describe('queue panel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
    // Contact names load lazily; the tests do not need them.
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise(() => {})),
    );
    resetStores();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('colours waits by the account thresholds: normal, then yellow at 2 s, red at 4 s', () => {
    signIn({ sla: { yellowMs: 2000, redMs: 4000 } });
    setReference([channel('web', 1)]);
    queue.set(
      new Map(
        [
          queued('web', 1, NOW - 5000),
          queued('web', 1, NOW - 3000),
          queued('web', 1, NOW - 1000),
        ].map((c) => [c.id, c]),
      ),
    );
    render(<QueuePanel current={null} />, { wrapper: Providers });
    expect(rows().map(colourOf)).toEqual(['red', 'yellow', 'normal']);
    expect(within(rows()[2]!).getByRole('timer').textContent).toBe('0:01');

    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(rows().map(colourOf)).toEqual(['red', 'red', 'yellow']);
    expect(within(rows()[2]!).getByRole('timer').textContent).toBe('0:02');
  });

  it("uses a channel's own thresholds over the account's", () => {
    signIn({ sla: { yellowMs: 30_000, redMs: 60_000 } });
    setReference([
      channel('fast', 1, { sla: { yellowMs: 1000, redMs: 2000 } }),
      channel('slow', 1),
    ]);
    queue.set(
      new Map([queued('fast', 1, NOW - 3000), queued('slow', 1, NOW - 3000)].map((c) => [c.id, c])),
    );
    render(<QueuePanel current={null} />, { wrapper: Providers });
    const colours = rows().map((r) => [r.textContent?.includes('Chat fast'), colourOf(r)]);
    expect(colours).toContainEqual([true, 'red']);
    expect(colours).toContainEqual([false, 'normal']);
  });

  it('sorts by channel priority first, then the longest wait', () => {
    signIn();
    setReference([channel('one', 1), channel('two', 2)]);
    const late1 = queued('one', 1, NOW - 1000);
    const early2 = queued('two', 2, NOW - 9000);
    const early1 = queued('one', 1, NOW - 5000);
    queue.set(new Map([early2, late1, early1].map((c) => [c.id, c])));
    const { container } = render(<QueuePanel current={null} />, { wrapper: Providers });
    const order = [...container.querySelectorAll('[data-conversation]')].map((e) =>
      e.getAttribute('data-conversation'),
    );
    expect(order).toEqual([early1.id, late1.id, early2.id]);
  });

  it('offers Take in every distribution mode to a free operator', () => {
    signIn();
    setReference(
      [channel('web', 1)],
      [],
      [
        {
          id: 'team-desk',
          name: 'Desk',
          mode: 'manual',
          languageRouting: false,
          languageTimeoutMs: 0,
          workingHours: null,
        },
        {
          id: 'team-auto',
          name: 'Auto',
          mode: 'least_loaded',
          languageRouting: false,
          languageTimeoutMs: 0,
          workingHours: null,
        },
      ],
    );
    const manual = queued('web', 1, NOW - 1000);
    const auto = queued('web', 1, NOW - 2000, { teamId: 'team-auto' });
    queue.set(new Map([manual, auto].map((c) => [c.id, c])));
    render(<QueuePanel current={null} />, { wrapper: Providers });
    expect(
      screen.getAllByRole('button', { name: 'Take' }).filter((b) => !b.hasAttribute('disabled')),
    ).toHaveLength(2);
  });

  it('mounts only the visible rows of 5,000 waiting conversations', () => {
    signIn();
    setReference([channel('web', 1)]);
    const many = Array.from({ length: 5000 }, (_, i) => queued('web', 1, NOW - i * 100));
    queue.set(new Map(many.map((c) => [c.id, c])));
    const started = performance.now();
    render(<QueuePanel current={null} />, { wrapper: Providers });
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe('5000');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
