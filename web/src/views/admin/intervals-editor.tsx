// The opening intervals of one day (a weekday or a holiday): add a second
// one for a lunch break, remove one; no interval means closed.
import { useI18n } from '../../i18n';

export interface Interval {
  from: string;
  to: string;
}

export function IntervalsEditor({
  label,
  value,
  onChange,
  error,
}: {
  /** The day's name, for the inputs' accessible labels. */
  label: string;
  value: Interval[];
  onChange: (next: Interval[]) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<Interval>) =>
    onChange(value.map((interval, j) => (j === i ? { ...interval, ...patch } : interval)));
  const last = value[value.length - 1];
  return (
    <div className={`intervals${error ? ' field-invalid' : ''}`}>
      {value.map((interval, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
        <span key={i} className="interval">
          <input
            type="time"
            aria-label={t('hours.fromDay', { day: label })}
            aria-invalid={Boolean(error)}
            value={interval.from}
            onChange={(e) => set(i, { from: e.target.value })}
          />
          –
          <input
            type="time"
            aria-label={t('hours.toDay', { day: label })}
            aria-invalid={Boolean(error)}
            value={interval.to}
            onChange={(e) => set(i, { to: e.target.value })}
          />
          {value.length > 1 && (
            <button
              type="button"
              className="link"
              aria-label={t('hours.removeInterval', { day: label })}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {last && value.length < 12 && (
        <button
          type="button"
          className="link"
          onClick={() =>
            onChange([...value, { from: last.to, to: last.to < '18:00' ? '18:00' : '23:59' }])
          }
        >
          {t('hours.addInterval')}
        </button>
      )}
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
