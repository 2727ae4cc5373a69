// A row's last message (one line, who wrote it) and my unread count.
import { useI18n } from '../../i18n';
import { useMe } from '../../lib/use-account';
import { useStore } from '../../state/store';
import { summaries } from '../../state/unread';
import { mentions } from '../../state/workday';

export function RowPreview({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const last = useStore(summaries, (m) => m.get(conversationId)?.lastMessage ?? null);
  if (!last) return null;
  let who: string;
  if (last.author === 'operator' && last.authorName === me.operator.name) who = t('row.you');
  else if (last.author === 'contact') who = last.authorName?.trim() || t('author.contact');
  else if (last.author === 'operator') who = last.authorName ?? t('author.operator');
  else who = t(`author.${last.author}`);
  const text =
    last.text.replace(/\s+/g, ' ').trim() || (last.attachments > 0 ? t('row.attachment') : '');
  return (
    <span className={`row-last row-last-${last.author}`} data-testid="row-last">
      <span className="row-last-author">{who}:</span> {text}
    </span>
  );
}

export function UnreadBadge({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const unread = useStore(summaries, (m) => m.get(conversationId)?.unread ?? 0);
  const mentioned = useStore(mentions, (m) => m.has(conversationId));
  if (unread === 0 && !mentioned) return null;
  return (
    <span
      className="unread-badge"
      data-testid="unread-badge"
      title={t('row.unread', { n: unread })}
    >
      {mentioned ? '@' : ''}
      {unread > 0 ? unread : ''}
      <span className="visually-hidden"> {t('row.unread', { n: unread })}</span>
    </span>
  );
}
