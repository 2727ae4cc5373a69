// uPlot options for a time chart (see time-chart.tsx): a time axis labelled in
// the viewer's zone and language, a value axis in the chart's unit, gridlines
// on both, series drawn as lines or bars, and reference lines (targets and
// thresholds) drawn over the plot. Every label goes through report-format.ts,
// the same formatters as the tables beside the charts.
import uPlot from 'uplot';
import {
  formatClock,
  formatDay,
  formatValue,
  type TimeBucket,
  type ValueUnit,
} from '../lib/report-format';

export interface ChartSeries {
  label: string;
  /** One value per time, null where the metric is undefined (the line breaks there). */
  values: (number | null)[];
  kind?: 'line' | 'bars';
}

export interface ChartReference {
  label: string;
  /** In the chart's unit (seconds, share 0..1, count). */
  value: number;
  tone?: 'target' | 'warning' | 'danger';
}

export interface ChartSpec {
  /** Bucket starts, epoch milliseconds, ascending. */
  times: number[];
  bucket: TimeBucket;
  unit: ValueUnit;
  series: ChartSeries[];
  references?: ChartReference[];
}

export const SERIES_COLOURS = ['#2563eb', '#d97706', '#059669', '#7c3aed'];
export const REFERENCE_COLOURS = { target: '#059669', warning: '#ca8a04', danger: '#dc2626' };
const GRID = '#e5e7eb';
const AXIS = '#6b7280';
const FONT = '12px system-ui, sans-serif';
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const TICK_STEPS = [1, 2, 3, 6, 12]
  .map((h) => h * HOUR_MS)
  .concat([1, 2, 7, 14, 28, 56, 91, 182, 364].map((d) => d * DAY_MS));

/** Where a value axis should end so the series and every reference line fit. */
function valueMax(spec: ChartSpec): number {
  let max = 0;
  for (const s of spec.series) for (const v of s.values) if (v !== null && v > max) max = v;
  for (const r of spec.references ?? []) if (r.value > max) max = r.value;
  if (spec.unit === 'share') return 1;
  return max > 0 ? max * 1.1 : 1;
}

export function chartOptions(
  spec: ChartSpec,
  opts: {
    width: number;
    height: number;
    lang: string;
    timeZone: string;
    axisLabels: { time: string; value: string };
    onCursor: (idx: number | null, left: number, top: number) => void;
  },
): uPlot.Options {
  const { lang, timeZone } = opts;
  // A bar's slot: the bucket length, so one-bucket charts still have a sensible width.
  const step = spec.bucket === 'hour' ? HOUR_MS : spec.bucket === 'day' ? DAY_MS : 7 * DAY_MS;
  const first = spec.times[0] ?? 0;
  const last = spec.times[spec.times.length - 1] ?? first;
  const hasBars = spec.series.some((s) => s.kind === 'bars');
  return {
    width: opts.width,
    height: opts.height,
    ms: 1,
    tzDate: (ts) => uPlot.tzDate(new Date(ts), timeZone),
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 8 } },
    scales: {
      x: {
        time: true,
        range: () => (hasBars ? [first - step / 2, last + step / 2] : [first, last || first + 1]),
      },
      y: { range: () => [0, valueMax(spec)] },
    },
    axes: [
      {
        label: opts.axisLabels.time,
        // Ticks never finer than the bucket: a chart of days has no 16:00 tick.
        incrs: TICK_STEPS.filter((ms) => ms >= step),
        labelFont: FONT,
        font: FONT,
        stroke: AXIS,
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID, width: 1 },
        // Below a day apart the ticks read as clock times, and midnight as the day.
        values: (_u, splits, _axis, _space, incr) =>
          splits.map((ms) => {
            const local = uPlot.tzDate(new Date(ms), timeZone);
            const midnight = local.getHours() === 0 && local.getMinutes() === 0;
            return incr < DAY_MS && !midnight
              ? formatClock(ms, lang, timeZone)
              : formatDay(ms, lang, timeZone);
          }),
      },
      {
        label: opts.axisLabels.value,
        labelFont: FONT,
        font: FONT,
        stroke: AXIS,
        size: 64,
        grid: { stroke: GRID, width: 1 },
        ticks: { stroke: GRID, width: 1 },
        // Whole counts only: half a conversation is not a tick.
        ...(spec.unit === 'count'
          ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000] }
          : {}),
        values: (_u, splits) => splits.map((v) => formatValue(v, spec.unit, lang)),
      },
    ],
    series: [
      {},
      ...spec.series.map((s, i): uPlot.Series => {
        const colour = SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
        return s.kind === 'bars'
          ? {
              label: s.label,
              stroke: colour,
              fill: `${colour}99`,
              width: 1,
              paths: uPlot.paths.bars?.({ size: [0.7, 64] }),
              points: { show: false },
            }
          : {
              label: s.label,
              stroke: colour,
              width: 2,
              spanGaps: false,
              points: { show: spec.times.length <= 60, size: 5 },
            };
      }),
    ],
    hooks: {
      setCursor: [
        (u) => {
          const idx = u.cursor.idx ?? null;
          opts.onCursor(idx, u.cursor.left ?? 0, u.cursor.top ?? 0);
        },
      ],
      draw: [(u) => drawReferences(u, spec.references ?? [])],
    },
  };
}

/** Dashed horizontal lines across the plot, one per target or threshold. */
function drawReferences(u: uPlot, refs: readonly ChartReference[]): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.lineWidth = 1.5 * uPlot.pxRatio;
  ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
  for (const ref of refs) {
    const y = Math.round(u.valToPos(ref.value, 'y', true));
    if (y < bbox.top || y > bbox.top + bbox.height) continue;
    ctx.strokeStyle = REFERENCE_COLOURS[ref.tone ?? 'target'];
    ctx.beginPath();
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
    ctx.stroke();
  }
  ctx.restore();
}

/** A bare line for a dashboard figure: no axes, grid, cursor or legend. */
export function sparklineOptions(
  spec: ChartSpec,
  opts: { width: number; height: number; timeZone: string },
): uPlot.Options {
  return {
    width: opts.width,
    height: opts.height,
    ms: 1,
    tzDate: (ts) => uPlot.tzDate(new Date(ts), opts.timeZone),
    legend: { show: false },
    cursor: { show: false },
    padding: [2, 2, 2, 2],
    scales: { x: { time: true }, y: { range: () => [0, valueMax(spec)] } },
    axes: [{ show: false }, { show: false }],
    series: [
      {},
      ...spec.series.map((s, i) => ({
        label: s.label,
        stroke: SERIES_COLOURS[i % SERIES_COLOURS.length] as string,
        width: 1.5,
        spanGaps: false,
        // A lone hour (its neighbours undefined) still shows, as a dot.
        points: { show: true, size: 3 },
      })),
    ],
  };
}
