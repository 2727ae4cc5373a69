// The frame of a report page (statistics, audit): title, refresh, the filter
// bar, and the reference data (channels, teams, operators) the filters name.
import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../i18n';
import { type ReportFilterState, useReportFilters } from '../lib/use-report-filters';
import { loadReference } from '../state/reference';
import { ReportFilterBar } from './report-filters';

export function ReportPage({
  title,
  children,
}: {
  title: string;
  children: (filters: ReportFilterState) => ReactNode;
}) {
  const { t } = useI18n();
  const f = useReportFilters();
  useEffect(() => {
    void loadReference().catch(() => {});
  }, []);
  return (
    <div className="page reports">
      <div className="section-head">
        <h1>{title}</h1>
        <button type="button" onClick={f.refresh}>
          {t('reports.refresh')}
        </button>
      </div>
      <ReportFilterBar value={f.filters} onChange={f.setFilters} invalidRange={f.invalidRange} />
      {children(f)}
    </div>
  );
}
