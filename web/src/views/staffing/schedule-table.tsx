// Required beside online operators for each interval of one day (issue 18):
// a shortage stands out, closed intervals say so. Rows are the API's cells,
// so the CSV beside it carries the same numbers.
import { useState } from 'react';
import type { StaffingCell } from '../../api/reports';
import { useI18n } from '../../i18n';
import { formatSeconds } from '../../lib/report-format';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clock = (c: StaffingCell) =>
  `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
const one = (n: number) => (Math.round(n * 10) / 10).toString();

export function ScheduleTable({ cells }: { cells: StaffingCell[] }) {
  const { t, lang } = useI18n();
  const [day, setDay] = useState(0);
  const rows = cells.filter(
    (c) =>
      c.dayOfWeek === day &&
      (c.arrivals > 0 || (c.scheduledOperators ?? 0) > 0 || c.recommendedOperators > 0),
  );
  return (
    <>
      <label className="schedule-day">
        {t('staffing.day')}{' '}
        <select value={day} onChange={(e) => setDay(Number(e.target.value))}>
          {DAYS.map((d, i) => (
            <option key={d} value={i}>
              {t(`day.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="table-scroll">
        <table className="report-table schedule">
          <caption className="visually-hidden">{t('staffing.schedule')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffing.time')}</th>
              <th scope="col">{t('staffing.arrivals')}</th>
              <th scope="col">{t('staffing.handle')}</th>
              <th scope="col">{t('staffing.required')}</th>
              <th scope="col">{t('staffing.scheduled')}</th>
              <th scope="col">{t('staffing.gap')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const short = c.gap !== null && c.gap < 0;
              return (
                <tr key={`${c.hour}:${c.minute}`} data-shortage={short || undefined}>
                  <th scope="row">
                    {clock(c)}
                    {!c.open && ` (${t('staffing.closed')})`}
                  </th>
                  <td className="number">{one(c.arrivals)}</td>
                  <td className="number">{formatSeconds(c.handleTimeS, lang)}</td>
                  <td className="number">{c.recommendedOperators}</td>
                  <td className="number">
                    {c.scheduledOperators === null ? '—' : one(c.scheduledOperators)}
                  </td>
                  <td className="number">
                    {c.gap === null
                      ? '—'
                      : short
                        ? t('staffing.shortage', { n: one(-c.gap) })
                        : `+${one(c.gap)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
