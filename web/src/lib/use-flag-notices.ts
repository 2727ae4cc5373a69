// Tells supervisors and admins when a client message flags a conversation as
// angry or urgent (conversation.flagged, issue 17): a toast that opens it, and
// the chime and desktop notification of the ringing tab. Operators see the
// flag on the row instead (the queue and their list).
import { useEffect } from 'react';
import { flagReasons } from '../components/flag-badge';
import { useI18n } from '../i18n';
import { openConversation } from '../state/router';
import { currentMe } from '../state/session';
import { onEvent } from '../state/sync';
import { toast } from '../state/toasts';
import { ring } from './alerts';

export function useFlagNotices(): void {
  const { t } = useI18n();
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type !== 'conversation.flagged') return;
        const me = currentMe();
        if (!me || me.operator.role === 'operator') return;
        const c = e.payload.conversation;
        const text = t('flag.toast', {
          name: c.contactName ?? t('contact.anonymous', { id: c.contactId.slice(0, 6) }),
          reasons: flagReasons(t, c),
        });
        const open = () => openConversation(c.id);
        toast('error', text, { label: t('flag.open'), run: open }, 20_000);
        ring({
          kind: 'queue',
          title: t('flag.desktopTitle'),
          body: text,
          tag: `flag-${c.id}`,
          onClick: open,
        });
      }),
    [t],
  );
}
