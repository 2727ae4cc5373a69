// "Draw a review sample" (POST /audit/sample): a uniform random set of audited,
// not yet reviewed dialogs from the filtered period, to review one by one.
import { useState } from 'react';
import { api } from '../../api/client';
import type { AuditSample, SampledAudit } from '../../api/reports';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { shownContactName } from '../../lib/use-contact-name';
import { navigate } from '../../state/router';

export const SAMPLE_MAX = 200;

export function SampleCard({ query, current }: { query: string | null; current: string | null }) {
  const { t, lang } = useI18n();
  const [size, setSize] = useState('20');
  const [ids, setIds] = useState<SampledAudit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  async function draw(e: React.FormEvent) {
    e.preventDefault();
    const n = Number(size);
    if (!Number.isInteger(n) || n < 1 || n > SAMPLE_MAX) {
      setError({ message: t('audit.sampleSizeRange', { max: SAMPLE_MAX }), field: 'size' });
      return;
    }
    // The sample follows the page's period and operator filter.
    const q = new URLSearchParams(query ?? '');
    const body: Record<string, string | number> = { size: n };
    for (const key of ['from', 'to', 'operatorId']) {
      const v = q.get(key);
      if (v) body[key] = v;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<AuditSample>('/audit/sample', body);
      setIds(res.conversations);
    } catch (err) {
      setError(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="audit-sample-title">
      <h2 id="audit-sample-title">{t('audit.sample')}</h2>
      <form className="sample-form" noValidate onSubmit={(e) => void draw(e)}>
        <Field label={t('audit.sampleSize')} error={fieldError(error, 'size')}>
          {(props) => (
            <input
              {...props}
              className="compact number"
              type="number"
              min={1}
              max={SAMPLE_MAX}
              value={size}
              onChange={(e) => setSize(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy || query === null}>
          {t('audit.drawSample')}
        </button>
      </form>
      <FormError error={error} fields={['size']} />
      {ids !== null && ids.length === 0 && <p className="empty">{t('audit.sampleEmpty')}</p>}
      {ids !== null && ids.length > 0 && (
        <ol className="sample-list">
          {ids.map(({ conversationId: id, contactId, contactName, closedAt }) => (
            <li key={id}>
              <a
                href={`/audit/${id}`}
                aria-current={id === current ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ view: 'audit', conversationId: id });
                }}
              >
                {shownContactName(t, contactId, contactName)}
              </a>{' '}
              <time className="muted" dateTime={closedAt}>
                {formatDateTime(closedAt, lang)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
