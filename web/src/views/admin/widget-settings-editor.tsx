// Website chat settings, read by the widget through /widget/config
// (src/http/routes/widget.ts): title, colour, display share, pre-chat form,
// live typing preview and the sites allowed to embed it.
import { CopyButton } from '../../components/copy-button';
import { Field, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import { useMe } from '../../lib/use-account';
import type { Settings } from './channel-form';

export function WidgetSettingsEditor({
  settings,
  onChange,
  publicKey,
  error,
}: {
  settings: Settings;
  onChange: (s: Settings) => void;
  publicKey: string | null;
  error: ShownError | null;
}) {
  const { t } = useI18n();
  const accountName = useMe().account.name;
  const set = (key: string, value: unknown) => onChange({ ...settings, [key]: value });
  const form = (settings.preChatForm ?? {}) as { name?: boolean; email?: boolean };
  const origins = Array.isArray(settings.allowedOrigins)
    ? (settings.allowedOrigins as string[])
    : [];
  const err = (f: string) => fieldError(error, `settings.${f}`);
  const embed = publicKey
    ? `<script src="${window.location.origin}/widget.js" data-channel="${publicKey}" async></script>`
    : null;
  return (
    <fieldset>
      <legend>{t('widget.title')}</legend>
      <div className="field-row">
        <Field
          label={t('widget.heading')}
          hint={t('widget.headingHint', { name: accountName })}
          error={err('title')}
        >
          {(p) => (
            <input
              {...p}
              placeholder={accountName}
              value={typeof settings.title === 'string' ? settings.title : ''}
              onChange={(e) => set('title', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('widget.color')} error={err('color')}>
          {(p) => (
            <input
              {...p}
              type="color"
              value={typeof settings.color === 'string' ? settings.color : '#2563eb'}
              onChange={(e) => set('color', e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('widget.displayShare')}
          hint={t('widget.displayShareHint')}
          error={err('displayShare')}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              max={100}
              step={1}
              value={typeof settings.displayShare === 'number' ? settings.displayShare : 100}
              // An emptied box is sent as is and refused at the field, never read as 0 %.
              onChange={(e) =>
                set('displayShare', e.target.value === '' ? '' : Number(e.target.value))
              }
            />
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.name === true}
          onChange={(e) => set('preChatForm', { ...form, name: e.target.checked })}
        />
        {t('widget.askName')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.email === true}
          onChange={(e) => set('preChatForm', { ...form, email: e.target.checked })}
        />
        {t('widget.askEmail')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.typingPreview !== false}
          onChange={(e) => set('typingPreview', e.target.checked)}
        />
        {t('widget.typingPreview')}
      </label>
      <Field
        label={t('widget.origins')}
        hint={t('widget.originsHint')}
        error={err('allowedOrigins')}
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={origins.join('\n')}
            onChange={(e) =>
              set(
                'allowedOrigins',
                e.target.value
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean),
              )
            }
          />
        )}
      </Field>
      {embed && (
        <div className="inline-form">
          <Field label={t('widget.embed')}>
            {(p) => (
              <textarea {...p} readOnly rows={2} value={embed} onFocus={(e) => e.target.select()} />
            )}
          </Field>
          <CopyButton text={embed} label={t('widget.copyEmbed')} />
        </div>
      )}
    </fieldset>
  );
}
