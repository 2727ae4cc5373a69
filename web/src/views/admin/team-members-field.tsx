// A team's members, chosen in the team form (the operator form edits the same
// membership from the operator's side).
import type { OperatorView } from '../../api/types';
import { useI18n } from '../../i18n';

export function TeamMembersField({
  operators,
  value,
  onChange,
  error,
}: {
  operators: readonly OperatorView[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  return (
    <fieldset className={`checkbox-list${error ? ' field-invalid' : ''}`}>
      <legend>{t('teams.members')}</legend>
      {operators.length === 0 && <p className="hint">{t('teams.noOperators')}</p>}
      {operators.map((o) => (
        <label key={o.id} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(o.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))
            }
          />
          {o.name}
        </label>
      ))}
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
