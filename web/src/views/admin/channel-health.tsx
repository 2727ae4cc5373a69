// A channel's state in the channels list: working, or the error nothing has
// worked since; an error a later delivery cleared shows as past, in grey.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ChannelView, ChannelHealth as Health } from '../../api/types';
import { useI18n } from '../../i18n';

export function ChannelHealth({ channel }: { channel: ChannelView }) {
  const { t } = useI18n();
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    if (channel.kind === 'widget') return;
    let live = true;
    api
      .get<Health>(`/channels/${channel.id}/health`)
      .then((h) => live && setHealth(h))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [channel.id, channel.kind]);
  if (!health) return <span className="muted">{t('health.unknown')}</span>;
  if (health.state === 'failing')
    return (
      <span className="health-failing">
        {t('health.failing', { error: health.currentError ?? '' })}
      </span>
    );
  return (
    <span>
      {t('health.ok')}
      {health.lastError && (
        <small className="muted health-past">
          {' '}
          {t('health.pastError', { error: health.lastError })}
        </small>
      )}
    </span>
  );
}
