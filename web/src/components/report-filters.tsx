// Filters shared by the statistics and audit pages: a period (presets or
// whole custom days), channel, team and operator.

import { useI18n } from '../i18n';
import { PERIOD_PRESETS, type PeriodPreset, type ReportFilters } from '../lib/report-query';
import { useReference } from '../lib/use-account';

export function ReportFilterBar({
  value,
  onChange,
  invalidRange,
}: {
  value: ReportFilters;
  onChange: (next: ReportFilters) => void;
  invalidRange: boolean;
}) {
  const { t } = useI18n();
  const ref = useReference();
  const set = (patch: Partial<ReportFilters>) => onChange({ ...value, ...patch });
  return (
    <form
      className="report-filters"
      aria-label={t('reports.filters')}
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        <span>{t('reports.period')}</span>
        <select
          value={value.preset}
          onChange={(e) => set({ preset: e.target.value as PeriodPreset })}
        >
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`reports.preset.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {value.preset === 'custom' && (
        <>
          <label>
            <span>{t('reports.fromDay')}</span>
            <input
              type="date"
              value={value.fromDay}
              aria-invalid={invalidRange}
              onChange={(e) => set({ fromDay: e.target.value })}
            />
          </label>
          <label>
            <span>{t('reports.toDay')}</span>
            <input
              type="date"
              value={value.toDay}
              aria-invalid={invalidRange}
              onChange={(e) => set({ toDay: e.target.value })}
            />
          </label>
        </>
      )}
      <label>
        <span>{t('reports.channel')}</span>
        <select value={value.channelId} onChange={(e) => set({ channelId: e.target.value })}>
          <option value="">{t('reports.all')}</option>
          {ref.channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reports.team')}</span>
        <select value={value.teamId} onChange={(e) => set({ teamId: e.target.value })}>
          <option value="">{t('reports.all')}</option>
          {ref.teams.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reports.operator')}</span>
        <select value={value.operatorId} onChange={(e) => set({ operatorId: e.target.value })}>
          <option value="">{t('reports.all')}</option>
          {ref.operators.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      {invalidRange && (
        <p className="inline-error" role="alert">
          {t('reports.badRange')}
        </p>
      )}
    </form>
  );
}
