// How a Telegram, e-mail or API channel connects (src/channels/*/settings.ts).
// Secrets are never sent back by the server: their boxes start empty, and an
// empty box leaves the stored secret as it is (settings are merged).
import { Field, fieldError } from '../../components/form';
import { type MessageKey, useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import type { Settings } from './channel-form';

type Input = 'text' | 'secret' | 'number' | 'checkbox' | 'mode';
type Spec = readonly [key: string, input: Input];

const SPECS: Record<'telegram' | 'email' | 'api', readonly Spec[]> = {
  telegram: [
    ['botToken', 'secret'],
    ['mode', 'mode'],
  ],
  email: [
    ['address', 'text'],
    ['fromName', 'text'],
    ['plusAddressing', 'checkbox'],
    ['smtpHost', 'text'],
    ['smtpPort', 'number'],
    ['smtpSecure', 'checkbox'],
    ['smtpUser', 'text'],
    ['smtpPassword', 'secret'],
    ['imapHost', 'text'],
    ['imapPort', 'number'],
    ['imapSecure', 'checkbox'],
    ['imapUser', 'text'],
    ['imapPassword', 'secret'],
    ['imapMailbox', 'text'],
  ],
  api: [
    ['hmacSecret', 'secret'],
    ['outboundUrl', 'text'],
  ],
};

export function ConnectionEditor({
  kind,
  settings,
  onChange,
  error,
  editing,
}: {
  kind: 'telegram' | 'email' | 'api';
  settings: Settings;
  onChange: (s: Settings) => void;
  error: ShownError | null;
  editing: boolean;
}) {
  const { t } = useI18n();
  const set = (key: string, value: unknown) => {
    const next = { ...settings };
    if (value === '' || value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
    <fieldset>
      <legend>{t('connection.title')}</legend>
      <div className="field-row">
        {SPECS[kind].map(([key, input]) => {
          const label = t(`connection.${key}` as MessageKey);
          const value = settings[key];
          if (input === 'checkbox')
            return (
              <label key={key} className="checkbox">
                <input
                  type="checkbox"
                  checked={value === true}
                  onChange={(e) => set(key, e.target.checked)}
                />
                {label}
              </label>
            );
          return (
            <Field
              key={key}
              label={label}
              hint={input === 'secret' && editing ? t('connection.secretHint') : undefined}
              error={fieldError(error, `settings.${key}`)}
            >
              {(p) =>
                input === 'mode' ? (
                  <select
                    {...p}
                    value={String(value ?? 'polling')}
                    onChange={(e) => set(key, e.target.value)}
                  >
                    <option value="polling">{t('connection.polling')}</option>
                    <option value="webhook">{t('connection.webhook')}</option>
                  </select>
                ) : (
                  <input
                    {...p}
                    type={input === 'secret' ? 'password' : input === 'number' ? 'number' : 'text'}
                    autoComplete={input === 'secret' ? 'new-password' : 'off'}
                    value={typeof value === 'string' || typeof value === 'number' ? value : ''}
                    onChange={(e) =>
                      set(
                        key,
                        input === 'number' && e.target.value
                          ? Number(e.target.value)
                          : e.target.value,
                      )
                    }
                  />
                )
              }
            </Field>
          );
        })}
      </div>
    </fieldset>
  );
}
