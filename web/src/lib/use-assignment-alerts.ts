// Alerts of the working day: a conversation assigned to me (and the rest in
// state/workday.ts: clients' messages, waiting conversations, mentions).
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { openConversation } from '../state/router';
import { currentMe } from '../state/session';
import { onAssignedToMe } from '../state/sync';
import { toast } from '../state/toasts';
import { startWorkday } from '../state/workday';
import { ring } from './alerts';

export function useAssignmentAlerts(): void {
  const { t } = useI18n();
  const translate = useRef(t);
  translate.current = t;
  useEffect(() => {
    const me = currentMe();
    if (!me) return;
    return startWorkday(me, () => translate.current);
  }, []);
  useEffect(
    () =>
      onAssignedToMe(({ conversation }) => {
        ring({
          kind: 'assigned',
          title: t('notify.assignedTitle'),
          body: t('notify.assignedBody'),
          tag: `assigned-${conversation.id}`,
          onClick: () => openConversation(conversation.id),
        });
        toast('info', t('notify.assignedBody'));
      }),
    [t],
  );
}
