// Operators with status, load / limit and their open conversations; a
// supervisor changes status and limit right here.
import { useState } from 'react';
import { api } from '../../api/client';
import type { ConversationView, OperatorStatus, OperatorView } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useReference } from '../../lib/use-account';
import { upsertOperator } from '../../state/reference';
import { toast } from '../../state/toasts';

const STATUSES: readonly OperatorStatus[] = ['online', 'away', 'offline'];

export function OperatorsTable({
  operators,
  assigned,
  onChanged,
}: {
  operators: OperatorView[] | null;
  assigned: ConversationView[];
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const ref = useReference();
  const list = operators ?? ref.operators;
  const teamName = new Map(ref.teams.map((x) => [x.id, x.name]));
  const openBy = new Map<string, number>();
  for (const c of assigned)
    if (c.operatorId) openBy.set(c.operatorId, (openBy.get(c.operatorId) ?? 0) + 1);

  async function act(run: () => Promise<{ operator?: OperatorView } | OperatorView>) {
    try {
      const res = await run();
      const op = 'operator' in res && res.operator ? res.operator : (res as OperatorView);
      if (op?.id) upsertOperator(op);
      onChanged();
    } catch (error) {
      toast('error', describeError(t, error).message);
    }
  }

  return (
    <section className="card wide" aria-labelledby="ops-title">
      <h2 id="ops-title">{t('monitor.operators')}</h2>
      <table className="operators-table">
        <thead>
          <tr>
            <th scope="col">{t('monitor.name')}</th>
            <th scope="col">{t('monitor.status')}</th>
            <th scope="col">{t('monitor.load')}</th>
            <th scope="col">{t('monitor.limit')}</th>
            <th scope="col">{t('monitor.teams')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                {o.name}
                <small className="hint"> {t(`role.${o.role}`)}</small>
              </th>
              <td>
                <select
                  className={`compact status-select status-${o.status}`}
                  aria-label={t('monitor.statusOf', { name: o.name })}
                  value={o.status}
                  onChange={(e) =>
                    void act(() => api.put(`/operators/${o.id}/status`, { status: e.target.value }))
                  }
                >
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`status.${s}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <LoadBar
                  open={o.openCount}
                  limit={o.limit}
                  label={t('monitor.loadOf', { name: o.name })}
                />
                <small className="hint">
                  {' '}
                  {t('monitor.openNow', { n: openBy.get(o.id) ?? 0 })}
                </small>
              </td>
              <td>
                <LimitInput
                  operator={o}
                  onSave={(limit) => void act(() => api.patch(`/operators/${o.id}`, { limit }))}
                />
              </td>
              <td>{o.teamIds.map((id) => teamName.get(id) ?? '?').join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function LoadBar({ open, limit, label }: { open: number; limit: number; label: string }) {
  return (
    <span className="load">
      <meter min={0} max={Math.max(1, limit)} value={open} aria-label={label} />
      <span>
        {open}/{limit}
      </span>
    </span>
  );
}

function LimitInput({ operator, onSave }: { operator: OperatorView; onSave: (n: number) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(String(operator.limit));
  const [base, setBase] = useState(operator.limit);
  if (base !== operator.limit) {
    // The limit changed elsewhere (another supervisor): show the new value.
    setBase(operator.limit);
    setValue(String(operator.limit));
  }
  const save = () => {
    const n = Number(value);
    if (Number.isInteger(n) && n >= 0 && n <= 100 && n !== operator.limit) onSave(n);
  };
  return (
    <input
      className="compact number"
      type="number"
      min={0}
      max={100}
      value={value}
      aria-label={t('monitor.limitOf', { name: operator.name })}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => e.key === 'Enter' && save()}
    />
  );
}
