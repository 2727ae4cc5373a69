import { LANGS, type Lang, useI18n } from '../i18n';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <select
      className="compact"
      aria-label={t('header.language')}
      value={lang}
      onChange={(e) => setLang(e.target.value as Lang)}
    >
      {LANGS.map((l) => (
        <option key={l} value={l}>
          {t(`lang.${l}`)}
        </option>
      ))}
    </select>
  );
}
