// The week as a 7 × 24 table of recommended operators, darker for more.
// Each cell carries arrivals per hour and handle time in its tooltip and, for
// screen readers, in text that is read with the day and hour headers.
import type { StaffingCell } from '../../api/reports';
import { useI18n } from '../../i18n';
import { formatCount, formatSeconds } from '../../lib/report-format';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const LEVELS = 6;

export function HeatMap({ cells }: { cells: StaffingCell[] }) {
  const { t, lang } = useI18n();
  const grid = new Map(cells.map((c) => [c.dayOfWeek * 24 + c.hour, c]));
  const max = Math.max(1, ...cells.map((c) => c.recommendedOperators));
  return (
    <div className="table-scroll">
      <table className="heat-map">
        <caption className="visually-hidden">{t('staffing.mapCaption')}</caption>
        <thead>
          <tr>
            <td />
            {HOURS.map((h) => (
              <th scope="col" key={h}>
                {String(h).padStart(2, '0')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map((day, d) => (
            <tr key={day}>
              <th scope="row">{t(`day.${day}`)}</th>
              {HOURS.map((h) => {
                const cell = grid.get(d * 24 + h);
                if (!cell)
                  return (
                    <td key={h} className="heat-cell" data-level={0}>
                      —
                    </td>
                  );
                const detail = t('staffing.cellDetail', {
                  arrivals: formatCount(cell.arrivalsPerHour, lang),
                  handle: formatSeconds(cell.handleTimeS, lang),
                });
                const level = Math.min(
                  LEVELS - 1,
                  Math.ceil((cell.recommendedOperators / max) * (LEVELS - 1)),
                );
                return (
                  <td
                    key={h}
                    className="heat-cell"
                    data-level={level}
                    data-cell={`${d}-${h}`}
                    title={t('staffing.cellTitle', {
                      day: t(`day.${day}`),
                      hour: `${String(h).padStart(2, '0')}:00`,
                      n: cell.recommendedOperators,
                      detail,
                    })}
                  >
                    {cell.recommendedOperators}
                    <span className="visually-hidden">; {detail}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
