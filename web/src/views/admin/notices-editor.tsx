// The channel's own wording of client notices (src/domain/notices.ts), per
// kind and language, as plain text: named values ({position}, {wait}) are
// inserted from a list, and a preview shows what a client would read. An
// empty box keeps the built-in text.
import { useRef } from 'react';
import {
  DEFAULT_NOTICES,
  fillTemplate,
  type NoticeKind,
  type NoticePlaceholder,
  PLACEHOLDERS_OF,
  toPlainNotice,
} from '../../../../src/domain/notices';
import { fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import type { Settings } from './channel-form';

const KINDS: readonly NoticeKind[] = [
  'queued',
  'no_one_online',
  'outside_hours',
  'idle_warning',
  'idle_closed',
];
const LANGUAGES = ['en', 'ru', 'uk'] as const;
type Overrides = Partial<Record<NoticeKind, Partial<Record<string, string>>>>;

/** The values the preview fills in. */
export const PREVIEW_VALUES = { position: 3, wait: 5 };

export function NoticesEditor({
  settings,
  onChange,
  error = null,
}: {
  settings: Settings;
  onChange: (s: Settings) => void;
  /** The form's last server error; one under `settings.notices.<kind>.<lang>` shows at its box. */
  error?: ShownError | null;
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
          {LANGUAGES.map((lang) => (
            <NoticeText
              key={lang}
              kind={kind}
              lang={lang}
              value={toPlainNotice(notices[kind]?.[lang] ?? '')}
              onChange={(text) => set(kind, lang, text)}
              error={fieldError(error, `settings.notices.${kind}.${lang}`)}
            />
          ))}
        </details>
      ))}
    </fieldset>
  );
}

function NoticeText({
  kind,
  lang,
  value,
  onChange,
  error,
}: {
  kind: NoticeKind;
  lang: (typeof LANGUAGES)[number];
  value: string;
  onChange: (text: string) => void;
  error: string | null;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLTextAreaElement>(null);
  const id = `notice-${kind}-${lang}`;
  const fallback = DEFAULT_NOTICES[kind][lang] ?? '';
  const preview = fillTemplate(value.trim() ? value : fallback, PREVIEW_VALUES);

  function insert(name: NoticePlaceholder) {
    const el = box.current;
    const token = `{${name}}`;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    // Inserting into an empty box starts from the built-in text, so the admin edits it.
    const base = value.trim() ? value : fallback;
    const at = value.trim() ? start : base.length;
    onChange(base.slice(0, at) + token + base.slice(value.trim() ? end : base.length));
  }

  return (
    <div className={`field notice-text${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{t(`noticeLang.${lang}`)}</label>
      <textarea
        id={id}
        ref={box}
        aria-invalid={Boolean(error)}
        rows={2}
        value={value}
        placeholder={fallback}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
      {PLACEHOLDERS_OF[kind].length > 0 && (
        <div className="placeholder-list">
          <span className="hint">{t('notices.insert')}</span>
          {PLACEHOLDERS_OF[kind].map((name) => (
            <button
              key={name}
              type="button"
              className="chip"
              title={`{${name}}`}
              aria-label={t('notices.insertNamed', {
                value: t(`notices.placeholder.${name}`),
                lang: t(`noticeLang.${lang}`),
              })}
              onClick={() => insert(name)}
            >
              {t(`notices.placeholder.${name}`)}
            </button>
          ))}
        </div>
      )}
      <output
        className="notice-preview"
        aria-label={t('notices.previewNamed', {
          kind: t(`notices.${kind}`),
          lang: t(`noticeLang.${lang}`),
        })}
      >
        <span className="hint">{t('notices.preview')}</span> {preview}
      </output>
    </div>
  );
}
