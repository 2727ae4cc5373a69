// The channel's own wording of client notices (src/domain/notices.ts), per
// kind and language; an empty box keeps the built-in text.
import { DEFAULT_NOTICES, type NoticeKind } from '../../../../src/domain/notices';
import { useI18n } from '../../i18n';
import type { Settings } from './channel-form';

const KINDS: readonly NoticeKind[] = ['queued', 'no_one_online', 'outside_hours'];
const LANGUAGES = ['en', 'ru', 'uk'] as const;
type Overrides = Partial<Record<NoticeKind, Partial<Record<string, string>>>>;

export function NoticesEditor({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (s: Settings) => void;
}) {
  const { t } = useI18n();
  const notices = (
    settings.notices && typeof settings.notices === 'object' ? settings.notices : {}
  ) as Overrides;

  function set(kind: NoticeKind, lang: string, text: string) {
    const forKind = { ...(notices[kind] ?? {}) };
    if (text.trim()) forKind[lang] = text;
    else delete forKind[lang];
    const next: Overrides = { ...notices, [kind]: forKind };
    if (Object.keys(forKind).length === 0) delete next[kind];
    onChange({ ...settings, notices: next });
  }

  return (
    <fieldset>
      <legend>{t('notices.title')}</legend>
      <p className="hint">{t('notices.hint')}</p>
      {KINDS.map((kind) => (
        <details key={kind}>
          <summary>{t(`notices.${kind}`)}</summary>
          {LANGUAGES.map((lang) => {
            const id = `notice-${kind}-${lang}`;
            return (
              <div className="field" key={lang}>
                <label htmlFor={id}>{t(`noticeLang.${lang}`)}</label>
                <textarea
                  id={id}
                  rows={2}
                  value={notices[kind]?.[lang] ?? ''}
                  placeholder={DEFAULT_NOTICES[kind][lang]}
                  onChange={(e) => set(kind, lang, e.target.value)}
                />
              </div>
            );
          })}
        </details>
      ))}
    </fieldset>
  );
}
