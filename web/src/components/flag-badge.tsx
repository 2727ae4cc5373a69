// Marks a conversation a client message flagged as angry or urgent (issue 17),
// with the reasons on hover and for screen readers.
import type { ConversationView } from '../api/types';
import { type Translate, useI18n } from '../i18n';

export function flagReasons(t: Translate, c: ConversationView): string {
  return (c.flag?.reasons ?? []).map((r) => t(`flag.reason.${r}`)).join(', ');
}

export function FlagBadge({ conversation: c }: { conversation: ConversationView }) {
  const { t } = useI18n();
  if (!c.flag) return null;
  const why = t('flag.reasons', { reasons: flagReasons(t, c) });
  return (
    <span className="flag-badge" data-testid="flag-badge" title={why}>
      <span aria-hidden="true">⚑ </span>
      {t('flag.badge')}
      <span className="visually-hidden"> — {why}</span>
    </span>
  );
}
