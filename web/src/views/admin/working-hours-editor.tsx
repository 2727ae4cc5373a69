// Working hours per weekday in an IANA time zone (src/domain/notices.ts);
// outside them clients get the "outside working hours" notice.
import { WEEKDAYS, type Weekday, type WorkingHours } from '../../api/types';
import { useI18n } from '../../i18n';

const DEFAULT_DAY = { from: '09:00', to: '18:00' };

function zones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Moscow', 'Europe/Kyiv'];
}

export function WorkingHoursEditor({
  value,
  onChange,
  error,
}: {
  value: WorkingHours | null;
  onChange: (v: WorkingHours | null) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const enabled = value !== null;
  const hours: WorkingHours = value ?? {
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    days: Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[]).map((d) => [d, DEFAULT_DAY]),
    ),
  };
  const setDay = (day: Weekday, next: { from: string; to: string } | null) => {
    const days = { ...hours.days };
    if (next) days[day] = next;
    else delete days[day];
    onChange({ ...hours, days });
  };
  return (
    <fieldset className={error ? 'field-invalid' : undefined}>
      <legend>{t('hours.title')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={!enabled}
          onChange={(e) => onChange(e.target.checked ? null : hours)}
        />
        {t('hours.always')}
      </label>
      {enabled && (
        <>
          <div className="field">
            <label htmlFor="hours-zone">{t('hours.timezone')}</label>
            <input
              id="hours-zone"
              list="hours-zones"
              value={hours.timezone}
              onChange={(e) => onChange({ ...hours, timezone: e.target.value })}
            />
            <datalist id="hours-zones">
              {zones().map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
          <table className="hours-table">
            <tbody>
              {WEEKDAYS.map((day) => {
                const d = hours.days[day];
                return (
                  <tr key={day}>
                    <th scope="row">{t(`day.${day}`)}</th>
                    <td>
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={Boolean(d)}
                          onChange={(e) => setDay(day, e.target.checked ? DEFAULT_DAY : null)}
                        />
                        {t('hours.open')}
                      </label>
                    </td>
                    <td>
                      <input
                        type="time"
                        aria-label={t('hours.fromDay', { day: t(`day.${day}`) })}
                        disabled={!d}
                        value={d?.from ?? ''}
                        onChange={(e) =>
                          setDay(day, { from: e.target.value, to: d?.to ?? '18:00' })
                        }
                      />
                    </td>
                    <td>
                      <input
                        type="time"
                        aria-label={t('hours.toDay', { day: t(`day.${day}`) })}
                        disabled={!d}
                        value={d?.to ?? ''}
                        onChange={(e) =>
                          setDay(day, { from: d?.from ?? '09:00', to: e.target.value })
                        }
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
