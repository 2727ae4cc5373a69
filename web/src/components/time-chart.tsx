// The one time-series chart of the reports (issue 18), drawn by uPlot: a
// labelled time axis in the viewer's zone and language, a value axis with its
// unit, gridlines, reference lines for targets, a legend when there are
// several series or references, and a tooltip with the period and the exact
// values — the same formatters as the tables. The tooltip follows the mouse
// and, with the chart focused, the arrow keys. Only report pages import this
// file, so uPlot loads with them and never with the workspace.
//
// `sparkline` draws the bare line (no axes, grid, tooltip) for small figures.
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n';
import { formatPeriod, formatValue } from '../lib/report-format';
import {
  type ChartSpec,
  chartOptions,
  REFERENCE_COLOURS,
  SERIES_COLOURS,
  sparklineOptions,
} from './chart-options';

export type { ChartReference, ChartSeries, ChartSpec } from './chart-options';

interface Props extends ChartSpec {
  title: string;
  timeZone: string;
  height?: number;
  sparkline?: boolean;
}

const FALLBACK_WIDTH = 640;

interface Hover {
  idx: number;
  left: number;
  top: number;
}

export function TimeChart(props: Props) {
  const { t, lang } = useI18n();
  const { title, times, series, timeZone, sparkline = false } = props;
  const height = props.height ?? (sparkline ? 32 : 220);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const empty = times.length === 0 || series.every((s) => s.values.every((v) => v === null));
  // Options change with the data and the language; uPlot is rebuilt then (cheap at report sizes).
  const key = JSON.stringify([
    props.times,
    props.series,
    props.references,
    props.unit,
    props.bucket,
    lang,
  ]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the props it serialises.
  useEffect(() => {
    const el = host.current;
    if (!el || empty) return;
    const width = el.clientWidth || FALLBACK_WIDTH;
    const spec: ChartSpec = {
      times: props.times,
      bucket: props.bucket,
      unit: props.unit,
      series: props.series,
      references: props.references ?? [],
    };
    const options = sparkline
      ? sparklineOptions(spec, { width, height, timeZone })
      : chartOptions(spec, {
          width,
          height,
          lang,
          timeZone,
          axisLabels: {
            time: t('chart.axis.time', { tz: timeZone }),
            value: t(`chart.unit.${props.unit}`),
          },
          onCursor: (idx, left, top) => setHover(idx === null ? null : { idx, left, top }),
        });
    const u = new uPlot(options, [props.times, ...props.series.map((s) => s.values)], el);
    plot.current = u;
    const resize =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            const w = el.clientWidth;
            if (w > 0 && w !== u.width) u.setSize({ width: w, height });
          });
    resize?.observe(el);
    return () => {
      resize?.disconnect();
      u.destroy();
      plot.current = null;
      setHover(null);
    };
  }, [key, empty, height, sparkline, timeZone]);

  if (empty)
    return (
      <figure className={sparkline ? 'chart sparkline' : 'chart'}>
        {!sparkline && <figcaption>{title}</figcaption>}
        <p className={sparkline ? 'chart-empty visually-hidden' : 'chart-empty'}>
          {t('chart.empty')}
        </p>
      </figure>
    );

  /** Arrow keys move the tooltip from bucket to bucket; Escape hides it. */
  const onKey = (e: KeyboardEvent) => {
    const u = plot.current;
    if (!u || sparkline) return;
    const last = times.length - 1;
    const current = hover?.idx ?? -1;
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = Math.min(last, current + 1);
    else if (e.key === 'ArrowLeft') next = current < 0 ? last : Math.max(0, current - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Escape') {
      u.setCursor({ left: -10, top: -10 });
      setHover(null);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    u.setCursor({
      left: u.valToPos(times[next] as number, 'x'),
      top: u.bbox.height / 2 / uPlot.pxRatio,
    });
  };

  const refs = props.references ?? [];
  const showLegend = !sparkline && (series.length > 1 || refs.length > 0);
  return (
    <figure className={sparkline ? 'chart sparkline' : 'chart'}>
      {!sparkline && <figcaption>{title}</figcaption>}
      {showLegend && (
        <ul className="chart-legend">
          {series.map((s, i) => (
            <li key={s.label}>
              <span
                className="swatch"
                style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }}
              />
              {s.label}
            </li>
          ))}
          {refs.map((r) => (
            <li key={r.label}>
              <span
                className="swatch dashed"
                style={{ borderColor: REFERENCE_COLOURS[r.tone ?? 'target'] }}
              />
              {`${r.label}: ${formatValue(r.value, props.unit, lang)}`}
            </li>
          ))}
        </ul>
      )}
      <div
        className="chart-plot"
        role="img"
        aria-label={sparkline ? title : t('chart.label', { title, n: times.length })}
        tabIndex={sparkline ? undefined : 0}
        onKeyDown={onKey}
        onMouseLeave={() => setHover(null)}
        onBlur={() => setHover(null)}
      >
        <div ref={host} />
        {hover && (
          <div
            // Past the middle, the tooltip opens to the left so it stays over the chart.
            className={
              hover.left > (plot.current?.over.clientWidth ?? 0) / 2
                ? 'chart-tooltip flip'
                : 'chart-tooltip'
            }
            role="tooltip"
            style={{
              left: hover.left + (plot.current?.over.offsetLeft ?? 0),
              top: hover.top + (plot.current?.over.offsetTop ?? 0),
            }}
          >
            <strong>
              {formatPeriod(times[hover.idx] as number, props.bucket, lang, timeZone)}
            </strong>
            {series.map((s) => (
              <span key={s.label}>
                {`${s.label}: ${formatValue(s.values[hover.idx] ?? null, props.unit, lang)}`}
              </span>
            ))}
          </div>
        )}
      </div>
    </figure>
  );
}
