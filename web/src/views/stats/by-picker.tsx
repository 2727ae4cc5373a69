// The "by" select of a report card: how its rows are grouped (channel, team,
// category, or a time bucket). One control for every card of the page.
import type { BreakdownBy } from '../../api/reports';
import { useI18n } from '../../i18n';

export function ByPicker<B extends BreakdownBy>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: B;
  options: readonly B[];
  onChange: (by: B) => void;
}) {
  const { t } = useI18n();
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as B)}>
        {options.map((b) => (
          <option key={b} value={b}>
            {t(`reports.by.${b}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
