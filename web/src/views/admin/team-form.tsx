// A team's distribution mode (DESIGN §2), language routing, members and its own working hours.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { DistributionMode, TeamView, WorkingHours } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { useReference } from '../../lib/use-account';
import { TeamMembersField } from './team-members-field';
import { msToSeconds, secondsToMs, useSave } from './use-save';
import { WorkingHoursEditor } from './working-hours-editor';

const TEAM_FIELD_MESSAGES = {
  name: 'teams.error.name',
  operatorIds: 'teams.error.operatorIds',
} as const;

export const MODES: readonly DistributionMode[] = [
  'least_loaded',
  'random',
  'manual',
  'round_robin',
];

export function TeamForm({ team, onDone }: { team: TeamView | null; onDone: () => void }) {
  const { t } = useI18n();
  const save = useSave(TEAM_FIELD_MESSAGES);
  const { operators } = useReference();
  const [members, setMembers] = useState<string[]>(() =>
    team ? operators.filter((o) => o.teamIds.includes(team.id)).map((o) => o.id) : [],
  );
  const [name, setName] = useState(team?.name ?? '');
  const [mode, setMode] = useState<DistributionMode>(team?.mode ?? 'least_loaded');
  const [languageRouting, setLanguageRouting] = useState(team?.languageRouting ?? false);
  const [timeout, setTimeoutText] = useState(msToSeconds(team?.languageTimeoutMs ?? 60_000));
  const [hours, setHours] = useState<WorkingHours | null>(team?.workingHours ?? null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      name: name.trim(),
      mode,
      languageRouting,
      languageTimeoutMs: secondsToMs(timeout) ?? 0,
      workingHours: hours,
    };
    const ok = await save.run(async () => {
      const saved = team
        ? await api.patch<TeamView>(`/teams/${team.id}`, body)
        : await api.post<TeamView>('/teams', body);
      await api.put(`/teams/${saved.id}/members`, { operatorIds: members });
    });
    if (ok) onDone();
  }

  const err = (f: string) => fieldError(save.error, f);
  return (
    <Dialog title={team ? t('teams.edit') : t('teams.create')} onClose={onDone}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError
          error={save.error}
          fields={[
            'name',
            'mode',
            'languageRouting',
            'languageTimeoutMs',
            'operatorIds',
            'workingHours',
          ]}
        />
        <Field label={t('teams.name')} error={err('name')}>
          {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('teams.mode')} hint={t(`modeHint.${mode}`)} error={err('mode')}>
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
        <label className="checkbox">
          <input
            type="checkbox"
            checked={languageRouting}
            onChange={(e) => setLanguageRouting(e.target.checked)}
          />
          {t('teams.languageRouting')}
        </label>
        <Field
          label={t('teams.languageTimeout')}
          hint={t('teams.languageTimeoutHint')}
          error={err('languageTimeoutMs')}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              disabled={!languageRouting}
              value={timeout}
              onChange={(e) => setTimeoutText(e.target.value)}
            />
          )}
        </Field>
        <TeamMembersField
          operators={operators}
          value={members}
          onChange={setMembers}
          error={err('operatorIds')}
        />
        <WorkingHoursEditor
          value={hours}
          onChange={setHours}
          error={save.error}
          field="workingHours"
          offLabel={t('hours.teamInherits')}
        />
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {team ? t('common.save') : t('common.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
