// The SLA colours and the service-level target, in seconds: the account's
// defaults and a channel's own (empty inherits the account's) edit the same
// three fields with the same error names.
import { Field } from '../../components/form';
import { useI18n } from '../../i18n';

export interface ServiceTargets {
  yellow: string;
  red: string;
  target: string;
}

export function ServiceTargetFields({
  value,
  onChange,
  error,
  targetHint,
  inherited,
}: {
  value: ServiceTargets;
  /** For a channel: the account's values, shown in a box left empty. */
  inherited?: ServiceTargets;
  onChange: (next: ServiceTargets) => void;
  /** The error for a field of the API's settings (`settings.sla.redMs`…), if any. */
  error: (field: string) => string | null;
  targetHint: string;
}) {
  const { t } = useI18n();
  const seconds = (key: keyof ServiceTargets, label: string, field: string, hint?: string) => {
    const from = inherited?.[key];
    const inheritedHint = from ? t('sla.inherits', { value: from }) : undefined;
    return (
      <Field
        label={label}
        hint={
          [hint, value[key] === '' ? inheritedHint : undefined].filter(Boolean).join(' ') ||
          undefined
        }
        error={error(field)}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            min={1}
            placeholder={from || undefined}
            value={value[key]}
            onChange={(e) => onChange({ ...value, [key]: e.target.value })}
          />
        )}
      </Field>
    );
  };
  return (
    <div className="field-row">
      {seconds('yellow', t('sla.yellowAfter'), 'settings.sla.yellowMs')}
      {seconds('red', t('sla.redAfter'), 'settings.sla.redMs')}
      {seconds(
        'target',
        t('account.serviceLevelTarget'),
        'settings.serviceLevelTargetMs',
        targetHint,
      )}
    </div>
  );
}
