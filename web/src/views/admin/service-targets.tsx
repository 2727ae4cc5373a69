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
}: {
  value: ServiceTargets;
  onChange: (next: ServiceTargets) => void;
  /** The error for a field of the API's settings (`settings.sla.redMs`…), if any. */
  error: (field: string) => string | null;
  targetHint: string;
}) {
  const { t } = useI18n();
  const seconds = (key: keyof ServiceTargets, label: string, field: string, hint?: string) => (
    <Field label={label} hint={hint} error={error(field)}>
      {(p) => (
        <input
          {...p}
          type="number"
          min={1}
          value={value[key]}
          onChange={(e) => onChange({ ...value, [key]: e.target.value })}
        />
      )}
    </Field>
  );
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
