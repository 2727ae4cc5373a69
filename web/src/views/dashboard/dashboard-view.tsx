// Supervisor dashboard (issue 18): today so far against the same weekday last
// week until the same time — conversations, service level, first response,
// missed, likes, audit score — each with an hourly sparkline of both days.
// One request (GET /reports/dashboard); the figures come from the server's
// metric definitions, only formatted here.
import type { Dashboard, DashboardFigures } from '../../api/reports';
import { SERIES_COLOURS } from '../../components/chart-options';
import { TimeChart } from '../../components/time-chart';
import { type MessageKey, useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatClock, formatPeriod, formatValue, type ValueUnit } from '../../lib/report-format';
import { useReportTimeZone } from '../../lib/use-account';
import { useApi } from '../../lib/use-api';
import '../../styles/reports.css';

type Metric = keyof DashboardFigures;

const METRICS: { key: Metric; unit: ValueUnit; label: MessageKey }[] = [
  { key: 'conversations', unit: 'count', label: 'dashboard.metric.conversations' },
  { key: 'serviceLevel', unit: 'share', label: 'dashboard.metric.serviceLevel' },
  { key: 'firstResponseAvgS', unit: 'seconds', label: 'dashboard.metric.firstResponse' },
  { key: 'missed', unit: 'count', label: 'dashboard.metric.missed' },
  { key: 'likes', unit: 'count', label: 'dashboard.metric.likes' },
  { key: 'auditScore', unit: 'share', label: 'dashboard.metric.auditScore' },
];

const HOUR_MS = 3_600_000;

export function DashboardView() {
  const { t, lang } = useI18n();
  const tz = useReportTimeZone();
  const data = useApi<Dashboard>(`/reports/dashboard?${new URLSearchParams({ tz })}`);
  const d = data.data;
  return (
    <div className="page reports dashboard">
      <div className="section-head">
        <h1>{t('dashboard.title')}</h1>
        <button type="button" onClick={data.reload}>
          {t('reports.refresh')}
        </button>
      </div>
      {data.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, data.error).message}
        </p>
      )}
      {d && (
        <p className="hint">
          {t('dashboard.compare', {
            time: formatClock(Date.parse(d.today.to), lang, d.timeZone),
            day: formatPeriod(Date.parse(d.lastWeek.from), 'day', lang, d.timeZone),
          })}
        </p>
      )}
      {d && (
        <ul className="chart-legend" aria-hidden="true">
          <li>
            <span className="swatch" style={{ background: SERIES_COLOURS[0] }} />
            {t('dashboard.today')}
          </li>
          <li>
            <span className="swatch" style={{ background: SERIES_COLOURS[1] }} />
            {t('dashboard.lastWeek')}
          </li>
        </ul>
      )}
      {d && (
        <div className="dashboard-cards">
          {METRICS.map((m) => (
            <MetricCard key={m.key} metric={m} dashboard={d} />
          ))}
        </div>
      )}
      {!d && data.loading && <p role="status">{t('common.loading')}</p>}
    </div>
  );
}

function MetricCard({
  metric,
  dashboard: d,
}: {
  metric: (typeof METRICS)[number];
  dashboard: Dashboard;
}) {
  const { t, lang } = useI18n();
  const label = t(metric.label);
  const today = d.today.figures[metric.key];
  const lastWeek = d.lastWeek.figures[metric.key];
  const start = Date.parse(d.today.from);
  return (
    <section className="card metric-card" aria-label={label}>
      <h2>{label}</h2>
      <p className="big-number" data-testid={`today-${metric.key}`}>
        {formatValue(today, metric.unit, lang)}
      </p>
      <p className="hint">
        {t('dashboard.lastWeek')}: {formatValue(lastWeek, metric.unit, lang)}
      </p>
      <TimeChart
        sparkline
        title={t('dashboard.hourly', { metric: label })}
        times={d.today.hours.map((h) => start + h.hour * HOUR_MS)}
        bucket="hour"
        unit={metric.unit}
        timeZone={d.timeZone}
        series={[
          { label: t('dashboard.today'), values: d.today.hours.map((h) => h[metric.key]) },
          { label: t('dashboard.lastWeek'), values: d.lastWeek.hours.map((h) => h[metric.key]) },
        ]}
      />
    </section>
  );
}
