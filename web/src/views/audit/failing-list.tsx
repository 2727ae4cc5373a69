// Dialogs that failed a check, newest first, for coaching (GET /audit/failing);
// "Older" pages on by the last row's close time.
import { useEffect, useState } from 'react';
import { AUDIT_CHECKS } from '../../../../src/domain/audit/types';
import { api } from '../../api/client';
import type { AuditCheckId, FailingAudits, FailingRow } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { formatShare } from '../../lib/report-format';
import { shownContactName } from '../../lib/use-contact-name';
import { navigate } from '../../state/router';

export const FAILING_PAGE = 50;

export function FailingCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const [check, setCheck] = useState<AuditCheckId | ''>('');
  const [rows, setRows] = useState<FailingRow[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const base = query === null ? null : pageQuery(query, check, null);

  async function load(before: string | null, replace: boolean, isLive: () => boolean = () => true) {
    if (query === null) return;
    setBusy(true);
    try {
      const res = await api.get<FailingAudits>(`/audit/failing?${pageQuery(query, check, before)}`);
      if (!isLive()) return;
      setRows((r) => (replace ? res.rows : [...r, ...res.rows]));
      setMore(res.rows.length === FAILING_PAGE);
      setError(null);
    } catch (err) {
      if (isLive()) setError(err);
    } finally {
      if (isLive()) setBusy(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `base` captures query and check
  useEffect(() => {
    let live = true;
    setRows([]);
    void load(null, true, () => live);
    return () => {
      live = false;
    };
  }, [base]);

  return (
    <section className="card wide" aria-labelledby="audit-fail-title" aria-busy={busy}>
      <div className="section-head">
        <h2 id="audit-fail-title">{t('audit.failing')}</h2>
        <label>
          <span>{t('audit.check')}</span>
          <select value={check} onChange={(e) => setCheck(e.target.value as AuditCheckId | '')}>
            <option value="">{t('audit.anyCheck')}</option>
            {AUDIT_CHECKS.map((c) => (
              <option key={c} value={c}>
                {t(`audit.check.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {base !== null && <CsvLink path="/audit/failing" query={base} label={t('audit.failing')} />}
      </div>
      {error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, error).message}
        </p>
      )}
      <div className="table-scroll">
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.client')}</th>
              <th scope="col">{t('audit.closedAt')}</th>
              <th scope="col">{t('reports.col.operator')}</th>
              <th scope="col">{t('audit.score')}</th>
              <th scope="col">{t('audit.failed')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.conversationId}>
                <th scope="row">
                  <a
                    href={`/audit/${r.conversationId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ view: 'audit', conversationId: r.conversationId });
                    }}
                  >
                    {shownContactName(t, r.contactId, r.contactName)}
                  </a>
                </th>
                <td>{formatDateTime(r.closedAt, lang)}</td>
                <td>{r.operatorName ?? '—'}</td>
                <td className="num">{formatShare(r.score, lang)}</td>
                <td className="wrap">{r.failed.map((c) => t(`audit.check.${c}`)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!busy && rows.length === 0 && error === null && query !== null && (
        <p className="empty">{t('audit.noFailing')}</p>
      )}
      {more && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void load(rows.at(-1)?.closedAt ?? null, false)}
        >
          {t('audit.older')}
        </button>
      )}
    </section>
  );
}

function pageQuery(query: string, check: AuditCheckId | '', before: string | null): string {
  const q = new URLSearchParams(query);
  if (check) q.set('check', check);
  q.set('limit', String(FAILING_PAGE));
  if (before) q.set('before', before);
  return q.toString();
}
