// Failed outbound deliveries per channel (Telegram, e-mail, API): what was
// not delivered and why, sent again one by one or all at once, or discarded
// for good (it stays in the log as discarded).
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { DeliveryList, DeliveryView, RetriedAll } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useReference } from '../../lib/use-account';
import { toast } from '../../state/toasts';

export function FailedDeliveriesAdmin() {
  const { t, lang } = useI18n();
  const channels = useReference().channels.filter((c) => c.kind !== 'widget');
  const [channelId, setChannelId] = useState<string>('');
  const current = channelId || channels[0]?.id || '';
  const [rows, setRows] = useState<DeliveryView[] | null>(null);

  const load = useCallback(async () => {
    if (!current) return setRows([]);
    try {
      const answer = await api.get<DeliveryList>(`/deliveries?status=dead&channelId=${current}`);
      setRows(answer.deliveries);
    } catch (err) {
      toast('error', describeError(t, err).message);
    }
  }, [current, t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      toast('success', done);
    } catch (err) {
      toast('error', describeError(t, err).message);
    }
    await load();
  }

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.deliveries')}</h1>
      <p className="hint">{t('deliveries.intro')}</p>
      {channels.length === 0 ? (
        <p className="muted">{t('deliveries.noChannels')}</p>
      ) : (
        <div className="inline-form">
          <label htmlFor="failed-channel">{t('deliveries.channel')}</label>
          <select
            id="failed-channel"
            value={current}
            onChange={(e) => setChannelId(e.target.value)}
          >
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({t(`channelKind.${c.kind}`)})
              </option>
            ))}
          </select>
          {rows && rows.length > 0 && (
            <button
              type="button"
              onClick={() =>
                void act(async () => {
                  const { retried } = await api.post<RetriedAll>('/deliveries/retry-all', {
                    channelId: current,
                  });
                  return retried;
                }, t('deliveries.retriedAll'))
              }
            >
              {t('deliveries.retryAll')}
            </button>
          )}
        </div>
      )}
      {rows?.length === 0 && channels.length > 0 && <p className="muted">{t('deliveries.none')}</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('deliveries.when')}</th>
              <th scope="col">{t('deliveries.reason')}</th>
              <th scope="col">{t('deliveries.retries')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td>{formatDateTime(d.updatedAt, lang)}</td>
                <td>
                  {d.errorKind && <strong>{t(`deliveryError.${d.errorKind}`)}: </strong>}
                  {d.lastError ?? '—'}
                  {d.responseExcerpt && <div className="excerpt muted">{d.responseExcerpt}</div>}
                </td>
                <td>{Math.max(0, d.attempts - 1)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    onClick={() =>
                      void act(
                        () => api.post(`/deliveries/${d.id}/retry`),
                        t('deliveries.retriedOne'),
                      )
                    }
                  >
                    {t('deliveries.retry')}
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void act(
                        () => api.post(`/deliveries/${d.id}/discard`),
                        t('deliveries.discarded'),
                      )
                    }
                  >
                    {t('deliveries.discard')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
