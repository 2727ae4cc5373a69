// Working hours in an IANA time zone (src/domain/working-hours.ts): several
// intervals per weekday, closed days, and holidays; outside them clients get
// the "outside working hours" notice. A server error names its place
// (`…days.mon.1`, `…holidays.0.date`) and is shown at that row.
import { WEEKDAYS, type Weekday, type WorkingHours } from '../../api/types';
import { fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import { HolidaysEditor } from './holidays-editor';
import { IntervalsEditor } from './intervals-editor';

const DEFAULT_INTERVAL = { from: '09:00', to: '18:00' };

function zones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/Moscow', 'Europe/Kyiv'];
}

/** A fresh Monday-to-Friday week in the browser's zone. */
export function defaultWorkingHours(): WorkingHours {
  return {
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    days: Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[]).map((d) => [d, [DEFAULT_INTERVAL]]),
    ),
    holidays: [],
  };
}

function dayIntervals(hours: WorkingHours, day: Weekday) {
  const entry = hours.days[day];
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
}

export function WorkingHoursEditor({
  value,
  onChange,
  error,
  field,
  offLabel,
}: {
  value: WorkingHours | null;
  onChange: (v: WorkingHours | null) => void;
  /** The form's last server error; the parts under `field` are shown here. */
  error: ShownError | null;
  /** Where the hours sit in the request, e.g. "settings.workingHours". */
  field: string;
  /** The checkbox for "no hours of its own": always open, or the account's. */
  offLabel: string;
}) {
  const { t } = useI18n();
  const enabled = value !== null;
  const hours = value ?? defaultWorkingHours();
  const err = (sub: string) => fieldError(error, `${field}.${sub}`);
  const general = error?.field === field ? error.message : (err('timezone') ?? null);
  const setDay = (day: Weekday, next: { from: string; to: string }[]) =>
    onChange({ ...hours, days: { ...hours.days, [day]: next } });
  return (
    <fieldset className={general ? 'field-invalid' : undefined}>
      <legend>{t('hours.title')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={!enabled}
          onChange={(e) => onChange(e.target.checked ? null : hours)}
        />
        {offLabel}
      </label>
      {enabled && (
        <>
          <div className="field">
            <label htmlFor={`${field}-zone`}>{t('hours.timezone')}</label>
            <input
              id={`${field}-zone`}
              list={`${field}-zones`}
              aria-invalid={Boolean(err('timezone'))}
              value={hours.timezone}
              onChange={(e) => onChange({ ...hours, timezone: e.target.value })}
            />
            <datalist id={`${field}-zones`}>
              {zones().map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </div>
          <table className="hours-table">
            <tbody>
              {WEEKDAYS.map((day) => {
                const list = dayIntervals(hours, day);
                const dayName = t(`day.${day}`);
                return (
                  <tr key={day}>
                    <th scope="row">{dayName}</th>
                    <td>
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={list.length > 0}
                          onChange={(e) => setDay(day, e.target.checked ? [DEFAULT_INTERVAL] : [])}
                        />
                        {t('hours.open')}
                      </label>
                    </td>
                    <td>
                      <IntervalsEditor
                        label={dayName}
                        value={list}
                        onChange={(next) => setDay(day, next)}
                        error={err(`days.${day}`)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <HolidaysEditor
            value={hours.holidays ?? []}
            onChange={(holidays) => onChange({ ...hours, holidays })}
            errorAt={(i) => err(`holidays.${i}`)}
          />
        </>
      )}
      {general && (
        <small className="field-error" role="alert">
          {general}
        </small>
      )}
    </fieldset>
  );
}
