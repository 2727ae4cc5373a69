// Staffing forecast (issue 6): operators needed per hour of the week from
// measured demand (GET /staffing, Erlang C with the multi-chat adjustment of
// src/domain/staffing.ts). The inputs are editable and shown as the server used them.
import { useState } from 'react';
import type { Staffing } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { formatCount, formatSeconds, formatShare } from '../../lib/report-format';
import { useMe } from '../../lib/use-account';
import { useApi } from '../../lib/use-api';
import { HeatMap } from './heat-map';
import { ScheduleTable } from './schedule-table';
import '../../styles/reports.css';

interface Inputs {
  weeks: string;
  interval: '15' | '30' | '60';
  /** Percent in the form; the API takes a share. */
  slTargetPct: string;
  slSeconds: string;
  concurrency: string;
}

const FIELDS = ['weeks', 'slTarget', 'slSeconds', 'concurrency'] as const;

/** The form's inputs: the API field each one feeds, and its bounds. */
const INPUTS: {
  field: (typeof FIELDS)[number];
  key: keyof Inputs;
  min: number;
  max: number;
  step?: number;
}[] = [
  { field: 'weeks', key: 'weeks', min: 1, max: 52 },
  { field: 'slTarget', key: 'slTargetPct', min: 1, max: 99 },
  { field: 'slSeconds', key: 'slSeconds', min: 1, max: 3600 },
  { field: 'concurrency', key: 'concurrency', min: 1, max: 20, step: 0.1 },
];

/** The query for valid inputs, or the first invalid field. */
export function staffingQuery(i: Inputs): { query: string } | { field: (typeof FIELDS)[number] } {
  const weeks = Number(i.weeks);
  const pct = Number(i.slTargetPct);
  const seconds = Number(i.slSeconds);
  const concurrency = Number(i.concurrency);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52) return { field: 'weeks' };
  if (!(pct > 0 && pct < 100)) return { field: 'slTarget' };
  if (!(seconds > 0 && seconds <= 3600)) return { field: 'slSeconds' };
  // Empty: the server measures what operators actually sustained.
  const measured = i.concurrency.trim() === '';
  if (!measured && !(concurrency >= 1 && concurrency <= 20)) return { field: 'concurrency' };
  const q = new URLSearchParams({
    weeks: String(weeks),
    interval: i.interval,
    slTarget: String(pct / 100),
    slSeconds: String(seconds),
  });
  if (!measured) q.set('concurrency', String(concurrency));
  return { query: q.toString() };
}

export function StaffingView() {
  const { t, lang } = useI18n();
  const me = useMe();
  const [form, setForm] = useState<Inputs>(() => ({
    weeks: '4',
    interval: '60',
    slTargetPct: '80',
    slSeconds: String(Math.round(me.account.settings.serviceLevelTargetMs / 1000) || 20),
    concurrency: '',
  }));
  const [applied, setApplied] = useState(() => staffingQuery(form));
  const [localError, setLocalError] = useState<ShownError | null>(null);
  const query = 'query' in applied ? applied.query : null;
  const data = useApi<Staffing>(query === null ? null : `/staffing?${query}`);
  const error = localError ?? (data.error !== null ? describeError(t, data.error) : null);
  const set = (patch: Partial<Inputs>) => setForm((f) => ({ ...f, ...patch }));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const next = staffingQuery(form);
    if ('field' in next) {
      setLocalError({ message: t(`staffing.invalid.${next.field}`), field: next.field });
      return;
    }
    setLocalError(null);
    if ('query' in applied && applied.query === next.query) data.reload();
    else setApplied(next);
  }

  const inputs = data.data?.inputs;
  return (
    <div className="page reports">
      <h1>{t('staffing.title')}</h1>
      <p className="hint">{t('staffing.explain')}</p>
      <form
        className="staffing-form"
        noValidate
        onSubmit={submit}
        aria-label={t('staffing.inputs')}
      >
        <Field label={t('staffing.interval')}>
          {(p) => (
            <select
              {...p}
              value={form.interval}
              onChange={(e) => set({ interval: e.target.value as Inputs['interval'] })}
            >
              {(['60', '30', '15'] as const).map((n) => (
                <option key={n} value={n}>
                  {t('staffing.interval.minutes', { n })}
                </option>
              ))}
            </select>
          )}
        </Field>
        {INPUTS.map(({ field, key, ...bounds }) => (
          <Field
            key={field}
            label={t(`staffing.${field}`)}
            {...(field === 'concurrency' ? { hint: t('staffing.concurrencyHint') } : {})}
            error={fieldError(error, field)}
          >
            {(p) => (
              <input
                {...p}
                {...bounds}
                className="compact number"
                type="number"
                value={form[key]}
                onChange={(e) => set({ [key]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <button type="submit" className="primary">
          {t('staffing.calculate')}
        </button>
      </form>
      <FormError error={error} fields={[...FIELDS]} />
      {inputs && (
        <p className="staffing-inputs" aria-live="polite">
          {t('staffing.usedInputs', {
            weeks: inputs.weeks,
            sl: formatShare(inputs.slTarget, lang),
            s: formatSeconds(inputs.slSeconds, lang),
            c: formatCount(inputs.concurrency, lang),
            tz: inputs.tz,
            from: formatDateTime(inputs.from, lang),
            to: formatDateTime(inputs.to, lang),
          })}
        </p>
      )}
      {inputs && inputs.measuredConcurrency !== null && (
        <p className="hint staffing-measured">
          {t('staffing.measured', {
            c: Math.round(inputs.measuredConcurrency * 10) / 10,
            limit: inputs.averageLimit === null ? '—' : Math.round(inputs.averageLimit * 10) / 10,
          })}
        </p>
      )}
      {(!inputs || inputs.interval === 60) && (
        <section
          className="card wide"
          aria-labelledby="staffing-map-title"
          aria-busy={data.loading}
        >
          <h2 id="staffing-map-title">{t('staffing.map')}</h2>
          {data.data ? (
            <HeatMap cells={data.data.cells} />
          ) : (
            data.loading && <p role="status">{t('common.loading')}</p>
          )}
        </section>
      )}
      {data.data && query !== null && (
        <section className="card wide" aria-labelledby="staffing-schedule-title">
          <h2 id="staffing-schedule-title">{t('staffing.schedule')}</h2>
          <CsvLink path="/staffing" query={query} label={t('staffing.schedule')} />
          <ScheduleTable cells={data.data.cells} />
        </section>
      )}
    </div>
  );
}
