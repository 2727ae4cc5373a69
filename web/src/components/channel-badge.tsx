import type { ChannelView } from '../api/types';
import { useI18n } from '../i18n';

export function ChannelBadge({ channel }: { channel: ChannelView | undefined }) {
  const { t } = useI18n();
  if (!channel) return null;
  return (
    <span
      className={`channel-badge channel-${channel.kind}`}
      title={t(`channelKind.${channel.kind}`)}
    >
      {channel.name}
    </span>
  );
}
