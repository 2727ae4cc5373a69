// A list of dialogs, each opening in the workspace (which shows closed ones
// read-only with their whole history).
import { useI18n } from '../../i18n';
import { shortId } from '../../lib/format';
import { openConversation } from '../../state/router';

export function ConversationLinks({
  title,
  ids,
  total,
}: {
  title: string;
  ids: string[];
  total: number;
}) {
  const { t } = useI18n();
  return (
    <div className="conversation-links">
      <h3>{title}</h3>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <a
              href={`/c/${id}`}
              onClick={(e) => {
                e.preventDefault();
                openConversation(id);
              }}
            >
              {t('reports.conversation', { id: shortId(id) })}
            </a>
          </li>
        ))}
      </ul>
      {total > ids.length && (
        <p className="hint">{t('reports.firstShown', { shown: ids.length, total })}</p>
      )}
    </div>
  );
}
