// Tells me when a supervisor or admin changed my status or limit, naming them
// (operator.notice), so a status I did not choose never looks like a fault.
// Staff receive every event; only the operator it names sees the notice.
import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { currentMe } from '../state/session';
import { onEvent } from '../state/sync';
import { toast } from '../state/toasts';

export function useOperatorNotices(): void {
  const { t } = useI18n();
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type !== 'operator.notice') return;
        const me = currentMe();
        if (!me || e.payload.operatorId !== me.operator.id) return;
        const { by, status, limit } = e.payload;
        if (status !== undefined)
          toast(
            'info',
            t('notice.status', { name: by.name, status: t(`status.${status}`) }),
            undefined,
            10_000,
          );
        if (limit !== undefined)
          toast('info', t('notice.limit', { name: by.name, limit }), undefined, 10_000);
      }),
    [t],
  );
}
