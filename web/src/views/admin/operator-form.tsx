// Invite or edit an operator: role, limit, languages and teams. Invited
// without a password, the operator gets a link to set one (mailed, or handed
// back to show the admin); editing, an admin may set a new password.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { CreatedOperator, OperatorView, Role } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { useMe, useReference } from '../../lib/use-account';
import { parseList, useSave } from './use-save';

const ROLES: readonly Role[] = ['operator', 'supervisor', 'admin'];
const FIELDS = ['email', 'name', 'password', 'role', 'limit', 'languages', 'teamIds'];
export const OPERATOR_FIELD_MESSAGES = {
  email: 'operators.error.email',
  name: 'operators.error.name',
  password: 'operators.error.password',
  limit: 'operators.error.limit',
  languages: 'operators.error.languages',
  teamIds: 'operators.error.teamIds',
} as const;

export type Invited = CreatedOperator;

export function OperatorForm({
  operator,
  onDone,
  onInvited,
}: {
  operator: OperatorView | null;
  onDone: () => void;
  /** A new operator was invited: say whether the link was mailed, or show it. */
  onInvited?: (invited: Invited) => void;
}) {
  const { t, lang } = useI18n();
  const me = useMe();
  const { teams } = useReference();
  const save = useSave(OPERATOR_FIELD_MESSAGES);
  const [email, setEmail] = useState(operator?.email ?? '');
  const [name, setName] = useState(operator?.name ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>(operator?.role ?? 'operator');
  const [limit, setLimit] = useState(String(operator?.limit ?? me.account.settings.defaultLimit));
  const [languages, setLanguages] = useState(operator?.languages.join(', ') ?? '');
  const [teamIds, setTeamIds] = useState<string[]>(operator?.teamIds ?? []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const common = {
      name: name.trim(),
      role,
      limit: Number(limit),
      languages: parseList(languages),
      teamIds,
    };
    const created: { invited: Invited | null } = { invited: null };
    const ok = await save.run(async () => {
      if (operator)
        return api.patch(`/operators/${operator.id}`, {
          ...common,
          ...(password ? { password } : {}),
        });
      created.invited = await api.post<Invited>('/operators', {
        ...common,
        email: email.trim(),
        password: password || null,
        lang,
      });
    });
    if (!ok) return;
    if (created.invited) onInvited?.(created.invited);
    onDone();
  }

  const err = (f: string) => fieldError(save.error, f);
  return (
    <Dialog title={operator ? t('operators.edit') : t('operators.invite')} onClose={onDone}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={save.error} fields={FIELDS} />
        {!operator && (
          <Field label={t('operators.email')} error={err('email')}>
            {(p) => (
              <input
                {...p}
                type="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t('operators.name')} error={err('name')}>
          {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field
          label={operator ? t('operators.newPassword') : t('operators.password')}
          hint={operator ? t('operators.newPasswordHint') : t('operators.invitePasswordHint')}
          error={err('password')}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <div className="field-row">
          <Field label={t('operators.role')} error={err('role')}>
            {(p) => (
              <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('operators.limit')} error={err('limit')}>
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
        </div>
        <Field
          label={t('operators.languages')}
          hint={t('operators.languagesHint')}
          error={err('languages')}
        >
          {(p) => <input {...p} value={languages} onChange={(e) => setLanguages(e.target.value)} />}
        </Field>
        <fieldset className={`checkbox-list${err('teamIds') ? ' field-invalid' : ''}`}>
          <legend>{t('operators.teams')}</legend>
          {teams.map((team) => (
            <label key={team.id} className="checkbox">
              <input
                type="checkbox"
                checked={teamIds.includes(team.id)}
                onChange={(e) =>
                  setTeamIds((ids) =>
                    e.target.checked ? [...ids, team.id] : ids.filter((x) => x !== team.id),
                  )
                }
              />
              {team.name}
            </label>
          ))}
          {err('teamIds') && <small className="field-error">{err('teamIds')}</small>}
        </fieldset>
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {operator ? t('common.save') : t('operators.inviteSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
