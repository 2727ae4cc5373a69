// How a Telegram, e-mail or API channel connects (src/channels/*/settings.ts).
// Secrets are never sent back by the server: their boxes start empty, and an
// empty box leaves the stored secret as it is (settings are merged).
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ChannelHealth } from '../../api/types';
import { CopyButton } from '../../components/copy-button';
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
  channelId,
}: {
  kind: 'telegram' | 'email' | 'api';
  settings: Settings;
  onChange: (s: Settings) => void;
  error: ShownError | null;
  editing: boolean;
  /** The saved channel, for the address Telegram calls. */
  channelId: string | null;
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
              hint={
                [
                  HINTS[key] ? t(HINTS[key]) : undefined,
                  input === 'secret' && editing ? t('connection.secretHint') : undefined,
                ]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
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
      {kind === 'telegram' && channelId && (
        <TelegramWebhookAddress channelId={channelId} active={settings.mode === 'webhook'} />
      )}
    </fieldset>
  );
}

/** What a setting looks like, where the box alone does not say. */
const HINTS: Partial<Record<string, MessageKey>> = {
  botToken: 'connection.botTokenHint',
  outboundUrl: 'connection.outboundUrlHint',
};

/** The address the server registers with Telegram (it knows PUBLIC_URL; the browser may not). */
function TelegramWebhookAddress({ channelId, active }: { channelId: string; active: boolean }) {
  const { t } = useI18n();
  const [address, setAddress] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .get<ChannelHealth>(`/channels/${channelId}/health`)
      .then((h) => live && setAddress(h.webhookUrl))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [channelId]);
  if (!address) return null;
  return (
    <div className="inline-form">
      <Field
        label={t('connection.webhookAddress')}
        hint={active ? t('connection.webhookAddressOn') : t('connection.webhookAddressOff')}
      >
        {(p) => <input {...p} readOnly value={address} onFocus={(e) => e.target.select()} />}
      </Field>
      <CopyButton text={address} />
    </div>
  );
}
