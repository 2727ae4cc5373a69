import { useI18n } from '../i18n';
import { Dialog } from './dialog';

const SHORTCUTS = [
  ['Alt+N', 'shortcuts.next'],
  ['Enter', 'shortcuts.send'],
  ['Shift+Enter', 'shortcuts.newline'],
  ['Alt+C', 'shortcuts.close'],
  ['Alt+T', 'shortcuts.transfer'],
  ['Alt+M', 'shortcuts.focus'],
  ['/', 'shortcuts.canned'],
  ['?', 'shortcuts.help'],
] as const;

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose}>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
