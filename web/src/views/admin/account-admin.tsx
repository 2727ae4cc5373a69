// Account defaults: operator limit, SLA thresholds, service-level target,
// whether closing needs a category, default routing and working hours.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { DistributionMode, WorkingHours } from '../../api/types';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { useMe } from '../../lib/use-account';
import { refreshSession } from '../../state/session';
import { ServiceTargetFields, type ServiceTargets } from './service-targets';
import { MODES } from './team-form';
import { msToSeconds, secondsToMs, useSave } from './use-save';
import { WorkingHoursEditor } from './working-hours-editor';

export function AccountAdmin() {
  const { t } = useI18n();
  const me = useMe();
  const s = me.account.settings;
  const save = useSave();
  const [name, setName] = useState(me.account.name);
  const [limit, setLimit] = useState(String(s.defaultLimit));
  const [targets, setTargets] = useState<ServiceTargets>({
    yellow: msToSeconds(s.sla.yellowMs),
    red: msToSeconds(s.sla.redMs),
    target: msToSeconds(s.serviceLevelTargetMs),
  });
  const [categoryRequired, setCategoryRequired] = useState(s.categoryRequired);
  const [newOnline, setNewOnline] = useState(s.newOperatorsOnline ?? false);
  const [mode, setMode] = useState<DistributionMode>(s.routing.mode);
  const [hours, setHours] = useState<WorkingHours | null>(s.workingHours);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const settings = {
      defaultLimit: Number(limit),
      sla: { yellowMs: secondsToMs(targets.yellow), redMs: secondsToMs(targets.red) },
      serviceLevelTargetMs: secondsToMs(targets.target),
      categoryRequired,
      newOperatorsOnline: newOnline,
      routing: { ...s.routing, mode },
      workingHours: hours,
    };
    const ok = await save.run(() => api.patch('/account', { name: name.trim(), settings }));
    // Thresholds and "category required" are read from /me everywhere.
    if (ok) await refreshSession().catch(() => {});
  }

  const err = (f: string) => fieldError(save.error, f);
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.account')}</h1>
      <form className="form wide-form" onSubmit={submit} noValidate>
        <FormError error={save.error} fields={['name', 'settings']} />
        <Field label={t('account.name')} error={err('name')}>
          {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <div className="field-row">
          <Field label={t('account.defaultLimit')} error={err('settings.defaultLimit')}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={100}
                value={limit}
                onChange={(e) => setLimit(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('account.defaultMode')} error={err('settings.routing')}>
            {(p) => (
              <select
                {...p}
                value={mode}
                onChange={(e) => setMode(e.target.value as DistributionMode)}
              >
                {MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`mode.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset>
          <legend>{t('account.sla')}</legend>
          <ServiceTargetFields
            value={targets}
            onChange={setTargets}
            error={err}
            targetHint={t('account.serviceLevelTargetHint')}
          />
        </fieldset>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={categoryRequired}
            onChange={(e) => setCategoryRequired(e.target.checked)}
          />
          {t('account.categoryRequired')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={newOnline}
            onChange={(e) => setNewOnline(e.target.checked)}
          />
          {t('account.newOperatorsOnline')}
        </label>
        <WorkingHoursEditor
          value={hours}
          onChange={setHours}
          error={save.error}
          field="settings.workingHours"
          offLabel={t('hours.always')}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
