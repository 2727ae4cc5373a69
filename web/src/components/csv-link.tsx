// "CSV" on every report table: a plain download link carrying the table's
// filters, so the file matches what is on screen (the session cookie authorises it).
import { useI18n } from '../i18n';
import { csvUrl } from '../lib/report-query';

export function CsvLink({ path, query, label }: { path: string; query: string; label: string }) {
  const { t } = useI18n();
  return (
    <a
      className="button csv-link"
      href={csvUrl(path, query)}
      download
      aria-label={t('reports.csvOf', { name: label })}
    >
      {t('reports.csv')}
    </a>
  );
}
