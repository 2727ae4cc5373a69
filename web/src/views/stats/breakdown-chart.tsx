// Hand-drawn SVG for the breakdown: volume as bars, service level and first
// response as lines, in three panels over the same buckets. SVG rather than a
// chart library: three simple panels cost a few KB, stay crisp at any width,
// and carry a <title> per point for tooltips; the table beside holds the data.
import type { BreakdownRow } from '../../api/reports';
import { useI18n } from '../../i18n';
import { formatSeconds, formatShare } from '../../lib/report-format';

const W = 720;
const LEFT = 56;
const PANEL = 80;
const GAP = 28;
const TOP = 18;

interface Panel {
  title: string;
  values: (number | null)[];
  max: number;
  format: (v: number | null) => string;
  kind: 'bars' | 'line';
}

export function BreakdownChart({ rows, labels }: { rows: BreakdownRow[]; labels: string[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  const firstResponse = rows.map((r) => r.firstResponseAvgS);
  const panels: Panel[] = [
    {
      title: t('reports.chart.volume'),
      values: rows.map((r) => r.conversations),
      max: Math.max(1, ...rows.map((r) => r.conversations)),
      format: (v) => String(v ?? 0),
      kind: 'bars',
    },
    {
      title: t('reports.chart.serviceLevel'),
      values: rows.map((r) => r.serviceLevel),
      max: 1,
      format: formatShare,
      kind: 'line',
    },
    {
      title: t('reports.chart.firstResponse'),
      values: firstResponse,
      max: Math.max(1, ...firstResponse.map((v) => v ?? 0)),
      format: formatSeconds,
      kind: 'line',
    },
  ];
  const band = (W - LEFT) / rows.length;
  const height = TOP + panels.length * (PANEL + GAP) + 10;
  const tickEvery = Math.max(1, Math.ceil(rows.length / 6));
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-label={t('reports.chart.label', { n: rows.length })}
      >
        {panels.map((p, i) => {
          const top = TOP + i * (PANEL + GAP);
          const y = (v: number) => top + PANEL - (v / p.max) * PANEL;
          return (
            <g key={p.title} className={`panel panel-${p.kind}`}>
              <text x={0} y={top - 6} className="panel-title">
                {p.title}
              </text>
              <text x={LEFT - 6} y={top + 10} className="axis" textAnchor="end">
                {p.format(p.max)}
              </text>
              <line x1={LEFT} x2={W} y1={top + PANEL} y2={top + PANEL} className="baseline" />
              {p.kind === 'bars'
                ? p.values.map((v, k) => (
                    <rect
                      key={rows[k]?.key ?? `none-${k}`}
                      x={LEFT + k * band + band * 0.15}
                      width={Math.max(1, band * 0.7)}
                      y={y(v ?? 0)}
                      height={top + PANEL - y(v ?? 0)}
                      className="bar"
                    >
                      <title>{`${labels[k]}: ${p.format(v)}`}</title>
                    </rect>
                  ))
                : p.values.map((v, k) =>
                    v === null ? null : (
                      <circle
                        key={rows[k]?.key ?? `none-${k}`}
                        cx={LEFT + (k + 0.5) * band}
                        cy={y(v)}
                        r={3}
                        className="point"
                      >
                        <title>{`${labels[k]}: ${p.format(v)}`}</title>
                      </circle>
                    ),
                  )}
              {p.kind === 'line' && (
                <path d={linePath(p.values, band, y)} className="line" fill="none" />
              )}
            </g>
          );
        })}
        {labels.map((label, k) =>
          k % tickEvery === 0 ? (
            <text
              key={rows[k]?.key ?? label}
              x={LEFT + (k + 0.5) * band}
              y={height - 2}
              className="axis"
              textAnchor="middle"
            >
              {label}
            </text>
          ) : null,
        )}
      </svg>
    </figure>
  );
}

/** Line segments through the defined points; a null (no conversations) breaks the line. */
function linePath(values: (number | null)[], band: number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  values.forEach((v, k) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${(LEFT + (k + 0.5) * band).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}
