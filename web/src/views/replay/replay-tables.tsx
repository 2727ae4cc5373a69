// The replay's results as tables: the totals side by side, occupancy per
// operator, and the period hour by hour. Plain tables for now; a chart can
// sit beside them and read the same rows.
import type { Replay, ReplayFigures } from '../../api/replay';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { DASH, formatCount, formatSeconds, formatShare } from '../../lib/report-format';

const FIGURES: {
  key: keyof ReplayFigures;
  label: string;
  show: (v: number | null, lang: string) => string;
}[] = [
  { key: 'conversations', label: 'replay.conversations', show: formatCount },
  { key: 'serviceLevel', label: 'replay.serviceLevel', show: formatShare },
  { key: 'avgWaitS', label: 'replay.avgWait', show: formatSeconds },
  { key: 'p90WaitS', label: 'replay.p90Wait', show: formatSeconds },
  { key: 'abandoned', label: 'replay.abandoned', show: formatCount },
];

export function SummaryTable({ data }: { data: Replay }) {
  const { t, lang } = useI18n();
  const columns = [
    { label: t('replay.actual'), totals: data.actual.totals },
    { label: t('replay.replayed'), totals: data.replay.totals },
    { label: t('replay.unchanged'), totals: data.unchanged.totals },
  ];
  return (
    <table className="report-table replay-summary">
      <caption className="visually-hidden">{t('replay.summary')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('replay.figure')}</th>
          {columns.map((c) => (
            <th scope="col" key={c.label}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {FIGURES.map((f) => (
          <tr key={f.key} data-figure={f.key}>
            <th scope="row">{t(f.label as 'replay.conversations')}</th>
            {columns.map((c) => (
              <td key={c.label} className="number">
                {f.show(c.totals[f.key], lang)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OperatorsTable({ data }: { data: Replay }) {
  const { t, lang } = useI18n();
  const actual = new Map(data.actual.operators.map((o) => [o.id, o]));
  const rows = data.replay.operators.filter(
    (o) => o.onlineHours > 0 || actual.get(o.id)?.onlineHours,
  );
  return (
    <div className="table-scroll">
      <table className="report-table">
        <caption className="visually-hidden">{t('replay.operators')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('replay.operator')}</th>
            <th scope="col">
              {t('replay.onlineHours')} · {t('replay.actual')}
            </th>
            <th scope="col">
              {t('replay.occupancy')} · {t('replay.actual')}
            </th>
            <th scope="col">
              {t('replay.onlineHours')} · {t('replay.replayed')}
            </th>
            <th scope="col">
              {t('replay.occupancy')} · {t('replay.replayed')}
            </th>
            <th scope="col">
              {t('replay.handled')} · {t('replay.replayed')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => {
            const a = actual.get(o.id);
            return (
              <tr key={o.id}>
                <th scope="row">{o.virtual ? t('replay.standIn', { n: o.name }) : o.name}</th>
                <td className="number">{a ? a.onlineHours.toFixed(1) : DASH}</td>
                <td className="number">{formatShare(a?.occupancy ?? null, lang)}</td>
                <td className="number">{o.onlineHours.toFixed(1)}</td>
                <td className="number">{formatShare(o.occupancy, lang)}</td>
                <td className="number">{o.handled}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function HoursTable({ data }: { data: Replay }) {
  const { t, lang } = useI18n();
  const rows = data.actual.hours
    .map((a, i) => ({ a, r: data.replay.hours[i]! }))
    .filter(({ a, r }) => a.conversations > 0 || a.operatorsOnline > 0 || r.operatorsOnline > 0);
  return (
    <div className="table-scroll">
      <table className="report-table">
        <caption className="visually-hidden">{t('replay.hours')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('replay.hour')}</th>
            <th scope="col">{t('replay.conversations')}</th>
            <th scope="col">
              {t('replay.online')} · {t('replay.actual')}
            </th>
            <th scope="col">
              {t('replay.online')} · {t('replay.replayed')}
            </th>
            <th scope="col">
              {t('replay.serviceLevel')} · {t('replay.actual')}
            </th>
            <th scope="col">
              {t('replay.serviceLevel')} · {t('replay.replayed')}
            </th>
            <th scope="col">
              {t('replay.avgWait')} · {t('replay.actual')}
            </th>
            <th scope="col">
              {t('replay.avgWait')} · {t('replay.replayed')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ a, r }) => (
            <tr key={a.start}>
              <th scope="row">{formatDateTime(a.start, lang)}</th>
              <td className="number">{a.conversations}</td>
              <td className="number">{a.operatorsOnline.toFixed(1)}</td>
              <td className="number">{r.operatorsOnline.toFixed(1)}</td>
              <td className="number">{formatShare(a.serviceLevel, lang)}</td>
              <td className="number">{formatShare(r.serviceLevel, lang)}</td>
              <td className="number">{formatSeconds(a.avgWaitS, lang)}</td>
              <td className="number">{formatSeconds(r.avgWaitS, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
