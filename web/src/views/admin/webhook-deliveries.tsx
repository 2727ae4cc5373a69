// A webhook's recent deliveries: when, which event, the state, how many
// retries, and what the receiver answered (status code and the start of its
// body). Failed ones can be sent again, all at once.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { DeliveryList, DeliveryView, RetriedAll } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { toast } from '../../state/toasts';

export function WebhookDeliveries({ webhookId, version }: { webhookId: string; version: number }) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<DeliveryView[] | null>(null);
  const load = useCallback(async () => {
    try {
      const answer = await api.get<DeliveryList>(`/webhooks/${webhookId}/deliveries?limit=20`);
      setRows(answer.deliveries);
    } catch (err) {
      toast('error', describeError(t, err).message);
    }
  }, [webhookId, t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a reload after a test send
  useEffect(() => {
    void load();
  }, [load, version]);

  async function retryAll() {
    try {
      const { retried } = await api.post<RetriedAll>('/deliveries/retry-all', {
        webhookId,
      });
      toast('success', t('deliveries.retried', { n: retried }));
      await load();
    } catch (err) {
      toast('error', describeError(t, err).message);
    }
  }

  if (rows === null) return <p className="muted">{t('common.loading')}</p>;
  if (rows.length === 0) return <p className="muted">{t('webhooks.noDeliveries')}</p>;
  const failed = rows.some((r) => r.status === 'dead' && !r.test);
  return (
    <div className="webhook-deliveries">
      <table>
        <caption className="visually-hidden">{t('webhooks.deliveries')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('deliveries.when')}</th>
            <th scope="col">{t('deliveries.event')}</th>
            <th scope="col">{t('deliveries.status')}</th>
            <th scope="col">{t('deliveries.code')}</th>
            <th scope="col">{t('deliveries.retries')}</th>
            <th scope="col">{t('deliveries.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>{formatDateTime(d.updatedAt, lang)}</td>
              <td>{d.test ? t('webhooks.testEvent') : `#${d.eventId}`}</td>
              <td>{t(`deliveryStatus.${d.status}`)}</td>
              <td>{d.responseStatus ?? '—'}</td>
              <td>{Math.max(0, d.attempts - 1)}</td>
              <td className="excerpt">{d.responseExcerpt || d.lastError || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {failed && (
        <button type="button" onClick={() => void retryAll()}>
          {t('deliveries.retryAll')}
        </button>
      )}
    </div>
  );
}
