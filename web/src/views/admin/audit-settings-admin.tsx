// The account's audit settings (issue 19): which checks run, and the
// account's own greeting, goodbye and banned phrases per language, one per
// line, beside the built-in lexicons (GET / PUT /audit/settings).
import { type FormEvent, useEffect, useState } from 'react';
import { AUDIT_CHECKS } from '../../../../src/domain/audit/types';
import { api } from '../../api/client';
import type {
  AuditCheckId,
  AuditLanguage,
  AuditPhraseKind,
  AuditSettings,
} from '../../api/reports';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useApi } from '../../lib/use-api';
import { useSave } from './use-save';

const LANGUAGES: readonly AuditLanguage[] = ['ru', 'uk', 'en'];
const KINDS: readonly AuditPhraseKind[] = ['greeting', 'farewell', 'banned'];

type Texts = Record<AuditLanguage, Record<AuditPhraseKind, string>>;

const toTexts = (s: AuditSettings): Texts =>
  Object.fromEntries(
    LANGUAGES.map((l) => [
      l,
      Object.fromEntries(KINDS.map((k) => [k, s.phrases[l][k].join('\n')])),
    ]),
  ) as Texts;

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const toLists = (texts: Texts): AuditSettings['phrases'] => {
  const kinds = (l: AuditLanguage) => ({
    greeting: lines(texts[l].greeting),
    farewell: lines(texts[l].farewell),
    banned: lines(texts[l].banned),
  });
  return { ru: kinds('ru'), uk: kinds('uk'), en: kinds('en') };
};

export function AuditSettingsAdmin() {
  const { t } = useI18n();
  const loaded = useApi<AuditSettings>('/audit/settings');
  const save = useSave();
  const [disabled, setDisabled] = useState<Set<AuditCheckId> | null>(null);
  const [texts, setTexts] = useState<Texts | null>(null);
  useEffect(() => {
    if (!loaded.data) return;
    setDisabled(new Set(loaded.data.disabled));
    setTexts(toTexts(loaded.data));
  }, [loaded.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!disabled || !texts) return;
    await save.run(() =>
      api.put('/audit/settings', { disabled: [...disabled], phrases: toLists(texts) }),
    );
  }

  const toggle = (check: AuditCheckId, on: boolean) =>
    setDisabled((d) => {
      const next = new Set(d);
      if (on) next.delete(check);
      else next.add(check);
      return next;
    });

  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t('auditSettings.title')}</h1>
      <p className="hint">{t('auditSettings.intro')}</p>
      {loaded.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, loaded.error).message}
        </p>
      )}
      {disabled && texts && (
        <form className="form wide-form" onSubmit={submit} noValidate>
          <FormError error={save.error} fields={['disabled', 'phrases']} />
          <fieldset>
            <legend>{t('auditSettings.checks')}</legend>
            {AUDIT_CHECKS.map((check) => (
              <label key={check} className="check">
                <input
                  type="checkbox"
                  checked={!disabled.has(check)}
                  onChange={(e) => toggle(check, e.target.checked)}
                />{' '}
                {t(`audit.check.${check}`)}
              </label>
            ))}
          </fieldset>
          {LANGUAGES.map((lang) => (
            <fieldset key={lang}>
              <legend>
                {t(`auditSettings.lang.${lang}`)} — {t('auditSettings.phrases')}
              </legend>
              <div className="field-row">
                {KINDS.map((kind) => (
                  <Field
                    key={kind}
                    label={t(`auditSettings.kind.${kind}`)}
                    error={fieldError(save.error, `phrases.${lang}.${kind}`)}
                  >
                    {(p) => (
                      <textarea
                        {...p}
                        rows={4}
                        value={texts[lang][kind]}
                        onChange={(e) =>
                          setTexts((all) =>
                            all
                              ? { ...all, [lang]: { ...all[lang], [kind]: e.target.value } }
                              : all,
                          )
                        }
                      />
                    )}
                  </Field>
                ))}
              </div>
            </fieldset>
          ))}
          <button type="submit" className="primary" disabled={save.busy}>
            {t('auditSettings.save')}
          </button>
        </form>
      )}
    </section>
  );
}
