// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TimeChart } from '../../web/src/components/time-chart';
import { I18nProvider, type Lang } from '../../web/src/i18n';
import { type Drawn, installCanvas } from './canvas';

// Three days in Moscow (UTC+3): the buckets start at local midnight.
const DAYS = ['2026-12-10T21:00:00Z', '2026-12-11T21:00:00Z', '2026-12-12T21:00:00Z'].map((d) =>
  Date.parse(d),
);
const TZ = 'Europe/Moscow';

/** Renders the chart and waits for uPlot's first draw (it commits in a microtask). */
async function chart(lang: Lang, props: Partial<Parameters<typeof TimeChart>[0]> = {}) {
  const before = drawn.texts.length;
  const view = render(
    <I18nProvider lang={lang}>
      <TimeChart
        title="Wait"
        times={DAYS}
        bucket="day"
        unit="seconds"
        timeZone={TZ}
        series={[
          { label: 'Wait, avg', values: [29.2, null, 65] },
          { label: 'First response', values: [12, 8.5, 40] },
        ]}
        references={[{ label: 'Red after', value: 60, tone: 'danger' }]}
        {...props}
      />
    </I18nProvider>,
  );
  const charted = (props.series ?? [{ values: [1] }]).some((s) => s.values.some((v) => v !== null));
  if (charted && (props.times ?? DAYS).length > 0)
    await waitFor(() => expect(drawn.texts.length).toBeGreaterThan(before));
  return view;
}

/** Text with no-break spaces read as plain ones (the formatter tests check the no-break ones). */
function plain(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\u00a0/g, ' ');
}

/** Moves the mouse to the middle bucket over uPlot's plot area, as a user hovering would. */
function hoverBucket(container: HTMLElement, idx: number) {
  const over = container.querySelector<HTMLElement>('.u-over');
  expect(over).not.toBeNull();
  const width = Number.parseFloat(over!.style.width);
  const x = (width / (DAYS.length - 1)) * idx;
  fireEvent.mouseMove(over!, { clientX: x, clientY: 20 });
}

let drawn: Drawn;

describe('time chart', () => {
  beforeEach(() => {
    drawn = installCanvas();
  });
  afterEach(cleanup);

  it('draws a labelled time axis in the zone, a value axis in seconds, gridlines and the reference line (en)', async () => {
    await chart('en');
    // Day ticks in the chart's zone: Dec 11 is the first local day, not Dec 10 (UTC).
    expect(drawn.texts).toContain('Dec 11');
    expect(drawn.texts).toContain('Dec 13');
    expect(drawn.texts).not.toContain('Dec 10');
    expect(drawn.texts).toContain('Time (Europe/Moscow)');
    expect(drawn.texts).toContain('Seconds');
    // Value ticks carry their unit.
    expect(drawn.texts.some((s) => /^\d+(\.\d)?\u00a0s$/.test(s))).toBe(true);
    expect(drawn.texts.some((s) => /^1\u00a0min \d\d\u00a0s$/.test(s))).toBe(true);
    // Gridlines on both axes, series lines, and one dashed reference line.
    expect(drawn.strokes).toBeGreaterThan(4);
    expect(drawn.dashedStrokes).toBe(1);
    // Several series: a legend, with the reference value formatted.
    expect(screen.getByText('Wait, avg')).toBeTruthy();
    expect(plain(screen.getByRole('list'))).toContain('Red after: 1 min 00 s');
  });

  it('shows the period and exact values in a tooltip on hover and with the arrow keys (en)', async () => {
    const { container } = await chart('en');
    hoverBucket(container, 0);
    expect(plain(screen.getByRole('tooltip'))).toBe(
      'Fri, Dec 11Wait, avg: 29.2 sFirst response: 12 s',
    );
    hoverBucket(container, 1);
    expect(plain(screen.getByRole('tooltip'))).toBe('Sat, Dec 12Wait, avg: —First response: 8.5 s');
    const plot = screen.getByRole('img');
    fireEvent.keyDown(plot, { key: 'End' });
    expect(plain(screen.getByRole('tooltip'))).toBe(
      'Sun, Dec 13Wait, avg: 1 min 05 sFirst response: 40 s',
    );
    fireEvent.keyDown(plot, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('speaks Russian: axis labels, units, days and the tooltip', async () => {
    const { container } = await chart('ru');
    expect(drawn.texts).toContain('11 дек.');
    expect(drawn.texts).toContain('Время (Europe/Moscow)');
    expect(drawn.texts).toContain('Секунды');
    expect(drawn.texts.some((s) => /^\d+(,\d)?\u00a0с$/.test(s))).toBe(true);
    expect(plain(screen.getByRole('list'))).toContain('Red after: 1 мин 00 с');
    hoverBucket(container, 0);
    expect(plain(screen.getByRole('tooltip'))).toBe(
      'пт, 11 дек.Wait, avg: 29,2 сFirst response: 12 с',
    );
  });

  it('formats shares as percentages in the tooltip and on the axis, in both languages', async () => {
    const share = {
      unit: 'share' as const,
      references: [],
      series: [{ label: 'SL', values: [0.75, 0.5, 1] }],
    };
    const en = await chart('en', share);
    expect(drawn.texts).toContain('100%');
    hoverBucket(en.container, 0);
    expect(plain(screen.getByRole('tooltip'))).toBe('Fri, Dec 11SL: 75%');
    // One series, no references: no legend.
    expect(en.container.querySelector('.chart-legend')).toBeNull();
    cleanup();
    const ru = await chart('ru', share);
    expect(drawn.texts).toContain('100\u00a0%');
    hoverBucket(ru.container, 0);
    expect(plain(screen.getByRole('tooltip'))).toBe('пт, 11 дек.SL: 75 %');
  });

  it('says so when there is nothing to chart', async () => {
    await chart('ru', { series: [{ label: 'SL', values: [null, null, null] }] });
    expect(screen.getByText('За этот период нечего показать на графике.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    cleanup();
    await chart('en', { times: [], series: [{ label: 'SL', values: [] }] });
    expect(screen.getByText('Nothing to chart in this period.')).toBeTruthy();
  });
});
