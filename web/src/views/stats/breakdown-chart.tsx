// The breakdown by hour, day or week as three charts over the same periods:
// volume (bars), service level, and wait / first response with the service
// level time and the SLA colour thresholds as reference lines. The values are
// the rows of the table beside them, unchanged.
import type { BreakdownRow } from '../../api/reports';
import { type ChartReference, TimeChart } from '../../components/time-chart';
import { useI18n } from '../../i18n';
import { formatSeconds, type TimeBucket } from '../../lib/report-format';
import type { SlaThresholds } from '../../lib/sla';

export function BreakdownCharts({
  rows,
  bucket,
  timeZone,
  thresholdS,
  sla,
}: {
  rows: BreakdownRow[];
  bucket: TimeBucket;
  timeZone: string;
  thresholdS: number;
  sla: SlaThresholds;
}) {
  const { t, lang } = useI18n();
  const times = rows.map((r) => Date.parse(r.key ?? ''));
  const references: ChartReference[] = [
    { label: t('chart.ref.threshold'), value: thresholdS, tone: 'target' },
    { label: t('chart.ref.yellow'), value: sla.yellowMs / 1000, tone: 'warning' },
    { label: t('chart.ref.red'), value: sla.redMs / 1000, tone: 'danger' },
  ];
  return (
    <div className="chart-grid">
      <TimeChart
        title={t('chart.volume')}
        times={times}
        bucket={bucket}
        unit="count"
        timeZone={timeZone}
        series={[
          {
            label: t('reports.col.conversations'),
            values: rows.map((r) => r.conversations),
            kind: 'bars',
          },
        ]}
      />
      <TimeChart
        title={t('chart.serviceLevel', { s: formatSeconds(thresholdS, lang) })}
        times={times}
        bucket={bucket}
        unit="share"
        timeZone={timeZone}
        series={[{ label: t('reports.col.serviceLevel'), values: rows.map((r) => r.serviceLevel) }]}
      />
      <TimeChart
        title={t('chart.times')}
        times={times}
        bucket={bucket}
        unit="seconds"
        timeZone={timeZone}
        references={references}
        series={[
          { label: t('reports.col.waitAvg'), values: rows.map((r) => r.waitAvgS) },
          { label: t('reports.col.waitMedian'), values: rows.map((r) => r.waitMedianS) },
          {
            label: t('reports.col.firstResponseAvg'),
            values: rows.map((r) => r.firstResponseAvgS),
          },
        ]}
      />
    </div>
  );
}
