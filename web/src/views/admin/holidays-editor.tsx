// Holidays: dates that are closed, or open with hours of their own, instead
// of their weekday's hours.
import type { Holiday } from '../../api/types';
import { useI18n } from '../../i18n';
import { IntervalsEditor } from './intervals-editor';

export function HolidaysEditor({
  value,
  onChange,
  errorAt,
}: {
  value: Holiday[];
  onChange: (next: Holiday[]) => void;
  errorAt: (index: number) => string | null;
}) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<Holiday>) =>
    onChange(value.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <div className="holidays">
      <h3>{t('hours.holidays')}</h3>
      {value.length === 0 && <p className="hint">{t('hours.noHolidays')}</p>}
      <table className="hours-table">
        <tbody>
          {value.map((holiday, i) => {
            const error = errorAt(i);
            const open = holiday.intervals.length > 0;
            const label = holiday.date || t('hours.holiday');
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: two rows may share a date while edited
              <tr key={i} className={error ? 'field-invalid' : undefined}>
                <td>
                  <input
                    type="date"
                    aria-label={t('hours.holidayDate')}
                    aria-invalid={Boolean(error)}
                    value={holiday.date}
                    onChange={(e) => set(i, { date: e.target.value })}
                  />
                </td>
                <td>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={open}
                      onChange={(e) =>
                        set(i, {
                          intervals: e.target.checked ? [{ from: '10:00', to: '16:00' }] : [],
                        })
                      }
                    />
                    {t('hours.openOwnHours')}
                  </label>
                </td>
                <td>
                  {open ? (
                    <IntervalsEditor
                      label={label}
                      value={holiday.intervals}
                      onChange={(intervals) => set(i, { intervals })}
                      error={null}
                    />
                  ) : (
                    <span className="muted">{t('hours.closedAllDay')}</span>
                  )}
                  {error && (
                    <small className="field-error" role="alert">
                      {error}
                    </small>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => onChange(value.filter((_, j) => j !== i))}
                  >
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...value, { date: '', intervals: [] }])}>
        {t('hours.addHoliday')}
      </button>
    </div>
  );
}
