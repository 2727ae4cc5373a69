// Sound, desktop notification and a toast when a conversation becomes mine.
import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { openConversation } from '../state/router';
import { onAssignedToMe } from '../state/sync';
import { toast } from '../state/toasts';
import { playChime, showDesktop } from './notify';

export function useAssignmentAlerts(): void {
  const { t } = useI18n();
  useEffect(
    () =>
      onAssignedToMe(({ conversation }) => {
        playChime();
        showDesktop(t('notify.assignedTitle'), t('notify.assignedBody'), () =>
          openConversation(conversation.id),
        );
        toast('info', t('notify.assignedBody'));
      }),
    [t],
  );
}
