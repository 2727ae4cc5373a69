import type { CannedResponse } from '../../api/types';
import { useI18n } from '../../i18n';

export function CannedMenu({
  id,
  items,
  active,
  onChoose,
}: {
  id: string;
  items: readonly CannedResponse[];
  active: number;
  onChoose: (item: CannedResponse) => void;
}) {
  const { t } = useI18n();
  return (
    <div id={id} className="canned-menu" role="listbox" aria-label={t('composer.canned')}>
      {items.map((item, i) => (
        <div
          key={item.id}
          id={`${id}-${item.id}`}
          role="option"
          aria-selected={i === active}
          tabIndex={-1}
          className={i === active ? 'active' : undefined}
          // mousedown, not click: the textarea must keep focus and its caret.
          onMouseDown={(e) => {
            e.preventDefault();
            onChoose(item);
          }}
        >
          <strong>/{item.shortcut.replace(/^\//, '')}</strong>
          <span className="canned-text">{item.text}</span>
        </div>
      ))}
    </div>
  );
}
