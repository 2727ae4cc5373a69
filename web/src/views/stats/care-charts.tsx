// The bot's and the flags' figures per hour, day or week as charts beside
// their tables (issue 17): the values are the table rows, unchanged, drawn by
// the shared time chart with the same formatters.
import { TimeChart } from '../../components/time-chart';
import { useI18n } from '../../i18n';
import type { TimeBucket } from '../../lib/report-format';

export interface BotChartRow {
  /** The bucket start in the report's zone, epoch ms. */
  time: number;
  resolvedByBot: number;
  handedOver: number;
  containmentRate: number | null;
}

export function BotCharts({
  rows,
  bucket,
  timeZone,
}: {
  rows: BotChartRow[];
  bucket: TimeBucket;
  timeZone: string;
}) {
  const { t } = useI18n();
  const times = rows.map((r) => r.time);
  return (
    <div className="chart-grid">
      <TimeChart
        title={t('botStats.chart.containment')}
        times={times}
        bucket={bucket}
        unit="share"
        timeZone={timeZone}
        series={[{ label: t('botStats.containment'), values: rows.map((r) => r.containmentRate) }]}
      />
      <TimeChart
        title={t('botStats.chart.outcomes')}
        times={times}
        bucket={bucket}
        unit="count"
        timeZone={timeZone}
        series={[
          { label: t('botStats.resolved'), values: rows.map((r) => r.resolvedByBot) },
          { label: t('botStats.handedOver'), values: rows.map((r) => r.handedOver) },
        ]}
      />
    </div>
  );
}

export interface FlagChartRow {
  time: number;
  flagged: number;
  answerAvgS: number | null;
  answerMedianS: number | null;
}

export function FlagCharts({
  rows,
  bucket,
  timeZone,
}: {
  rows: FlagChartRow[];
  bucket: TimeBucket;
  timeZone: string;
}) {
  const { t } = useI18n();
  const times = rows.map((r) => r.time);
  return (
    <div className="chart-grid">
      <TimeChart
        title={t('flags.chart.flagged')}
        times={times}
        bucket={bucket}
        unit="count"
        timeZone={timeZone}
        series={[{ label: t('flags.flagged'), values: rows.map((r) => r.flagged), kind: 'bars' }]}
      />
      <TimeChart
        title={t('flags.chart.answer')}
        times={times}
        bucket={bucket}
        unit="seconds"
        timeZone={timeZone}
        series={[
          { label: t('flags.answerAvg'), values: rows.map((r) => r.answerAvgS) },
          { label: t('flags.answerMedian'), values: rows.map((r) => r.answerMedianS) },
        ]}
      />
    </div>
  );
}
