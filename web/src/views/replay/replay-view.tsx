// What-if replay (issue 18): a past period replayed through the router with
// other settings, beside what actually happened (POST /replay, run on a
// server worker). The form starts from the settings as they are (`baseline`)
// and sends only what the supervisor changed.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { DistributionMode, Replay, ReplaySettings } from '../../api/replay';
import { Field, FormError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { HoursTable, OperatorsTable, SummaryTable } from './replay-tables';
import '../../styles/reports.css';

const MODES: DistributionMode[] = ['least_loaded', 'random', 'round_robin', 'manual'];
const DAY = 86_400_000;

const localDay = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

interface Form {
  from: string;
  to: string;
  mode: DistributionMode | '';
  slaSeconds: string;
  operators: string;
  limits: Record<string, string>;
  priorities: Record<string, string>;
}

/** The request for the form, or the field that is wrong. */
export function replayRequest(
  form: Form,
  baseline: Replay['baseline'] | null,
): { body: { from: string; to: string; settings: ReplaySettings } } | { field: string } {
  const from = new Date(`${form.from}T00:00`);
  const to = new Date(new Date(`${form.to}T00:00`).getTime() + DAY);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
    return { field: 'from' };
  const settings: ReplaySettings = {};
  if (form.mode) settings.mode = form.mode;
  if (form.slaSeconds.trim() !== '') {
    const s = Number(form.slaSeconds);
    if (!(s > 0 && s <= 3600)) return { field: 'slaSeconds' };
    if (s !== baseline?.slaSeconds) settings.slaSeconds = s;
  }
  if (form.operators.trim() !== '') {
    const n = Number(form.operators);
    if (!(Number.isInteger(n) && n >= 0 && n <= 1000)) return { field: 'operators' };
    settings.operatorsPerHour = Array(24).fill(n);
  }
  for (const op of baseline?.operators ?? []) {
    const v = form.limits[op.id];
    if (v === undefined || v.trim() === '' || Number(v) === op.limit) continue;
    if (!(Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 100))
      return { field: `limit-${op.id}` };
    settings.limits = { ...settings.limits, [op.id]: Number(v) };
  }
  for (const ch of baseline?.channels ?? []) {
    const v = form.priorities[ch.id];
    if (v === undefined || v.trim() === '' || Number(v) === ch.priority) continue;
    if (!(Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 100))
      return { field: `priority-${ch.id}` };
    settings.channelPriorities = { ...settings.channelPriorities, [ch.id]: Number(v) };
  }
  return { body: { from: from.toISOString(), to: to.toISOString(), settings } };
}

export function ReplayView() {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(() => ({
    from: localDay(Date.now() - 7 * DAY),
    to: localDay(Date.now() - DAY),
    mode: '',
    slaSeconds: '',
    operators: '',
    limits: {},
    priorities: {},
  }));
  const [data, setData] = useState<Replay | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const run = useCallback(
    async (f: Form, baseline: Replay['baseline'] | null) => {
      const request = replayRequest(f, baseline);
      if ('field' in request) {
        setError({ message: t('replay.invalid'), field: request.field });
        return;
      }
      setBusy(true);
      setError(null);
      try {
        setData(await api.post<Replay>('/replay', request.body));
      } catch (e) {
        setError(describeError(t, e));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first replay runs once, on the default period
  useEffect(() => {
    void run(form, null);
  }, []);

  const baseline = data?.baseline ?? null;
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const gap =
    data && data.actual.totals.serviceLevel !== null && data.unchanged.totals.serviceLevel !== null
      ? Math.abs(data.unchanged.totals.serviceLevel - data.actual.totals.serviceLevel) * 100
      : null;

  return (
    <div className="page reports">
      <h1>{t('replay.title')}</h1>
      <p className="hint">{t('replay.explain')}</p>
      <form
        className="staffing-form replay-form"
        noValidate
        aria-label={t('replay.inputs')}
        onSubmit={(e) => {
          e.preventDefault();
          void run(form, baseline);
        }}
      >
        <Field label={t('replay.from')} error={error?.field === 'from' ? error.message : null}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.from}
              onChange={(e) => set({ from: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('replay.to')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={form.to}
              onChange={(e) => set({ to: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('replay.mode')}>
          {(p) => (
            <select
              {...p}
              value={form.mode}
              onChange={(e) => set({ mode: e.target.value as Form['mode'] })}
            >
              <option value="">{t('replay.mode.unchanged')}</option>
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`replay.mode.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('replay.slaSeconds')}
          error={error?.field === 'slaSeconds' ? error.message : null}
        >
          {(p) => (
            <input
              {...p}
              className="compact number"
              type="number"
              min={1}
              max={3600}
              placeholder={baseline ? String(baseline.slaSeconds) : ''}
              value={form.slaSeconds}
              onChange={(e) => set({ slaSeconds: e.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('replay.operatorsAllHours')}
          hint={t('replay.operatorsHint')}
          error={error?.field === 'operators' ? error.message : null}
        >
          {(p) => (
            <input
              {...p}
              className="compact number"
              type="number"
              min={0}
              value={form.operators}
              onChange={(e) => set({ operators: e.target.value })}
            />
          )}
        </Field>
        {baseline && (
          <fieldset className="replay-limits">
            <legend>{t('replay.limits')}</legend>
            {baseline.operators.map((op) => (
              <Field
                key={op.id}
                label={op.name}
                error={error?.field === `limit-${op.id}` ? error.message : null}
              >
                {(p) => (
                  <input
                    {...p}
                    className="compact number"
                    type="number"
                    min={1}
                    max={100}
                    placeholder={String(op.limit)}
                    value={form.limits[op.id] ?? ''}
                    onChange={(e) => set({ limits: { ...form.limits, [op.id]: e.target.value } })}
                  />
                )}
              </Field>
            ))}
          </fieldset>
        )}
        {baseline && (
          <fieldset className="replay-priorities">
            <legend>{t('replay.priorities')}</legend>
            {baseline.channels.map((ch) => (
              <Field
                key={ch.id}
                label={ch.name}
                error={error?.field === `priority-${ch.id}` ? error.message : null}
              >
                {(p) => (
                  <input
                    {...p}
                    className="compact number"
                    type="number"
                    min={1}
                    max={100}
                    placeholder={String(ch.priority)}
                    value={form.priorities[ch.id] ?? ''}
                    onChange={(e) =>
                      set({ priorities: { ...form.priorities, [ch.id]: e.target.value } })
                    }
                  />
                )}
              </Field>
            ))}
          </fieldset>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('replay.running') : t('replay.run')}
        </button>
      </form>
      <FormError error={error} fields={['from', 'slaSeconds', 'operators']} />
      <section className="card wide" aria-labelledby="replay-summary" aria-busy={busy}>
        <h2 id="replay-summary">{t('replay.summary')}</h2>
        {data === null ? (
          busy && <p role="status">{t('common.loading')}</p>
        ) : data.actual.totals.conversations === 0 ? (
          <p className="empty">{t('replay.empty')}</p>
        ) : (
          <>
            <SummaryTable data={data} />
            {gap !== null && <p className="hint">{t('replay.trust', { sl: gap.toFixed(1) })}</p>}
          </>
        )}
      </section>
      {data && data.actual.totals.conversations > 0 && (
        <>
          <section className="card wide" aria-labelledby="replay-operators">
            <h2 id="replay-operators">{t('replay.operators')}</h2>
            <OperatorsTable data={data} />
          </section>
          <section className="card wide" aria-labelledby="replay-hours">
            <h2 id="replay-hours">{t('replay.hours')}</h2>
            <HoursTable data={data} />
          </section>
        </>
      )}
    </div>
  );
}
