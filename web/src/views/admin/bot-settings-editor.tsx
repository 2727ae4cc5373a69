// The channel's bot (issue 17, docs/bot.md): off, the built-in bot on the
// knowledge base (greeting, menu, threshold, turns), or an external bot with
// its URL, answer time and credentials (shown once).
import { useState } from 'react';
import type { BotCredentials } from '../../../../src/contract/channels';
import { api } from '../../api/client';
import { CopyButton } from '../../components/copy-button';
import { Field, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import type { Settings } from './channel-form';

type Bot = Record<string, unknown> & { mode?: string };

export function BotSettingsEditor({
  settings,
  onChange,
  channelId,
  isWidget,
  error,
}: {
  settings: Settings;
  onChange: (s: Settings) => void;
  channelId: string | null;
  isWidget: boolean;
  error: ShownError | null;
}) {
  const { t } = useI18n();
  const bot = (settings.bot ?? { mode: 'off' }) as Bot;
  const mode = bot.mode ?? 'off';
  const [menu, setMenu] = useState(JSON.stringify(bot.menu ?? [], null, 2));
  const [menuError, setMenuError] = useState<string | null>(null);
  const [credentials, setCredentials] = useState<BotCredentials | null>(null);
  const setBot = (next: Bot) => onChange({ ...settings, bot: next });
  const err = (f: string) => fieldError(error, `settings.bot.${f}`);
  const greeting = (bot.greeting ?? {}) as Record<string, string>;

  function pickMode(next: string) {
    if (next === 'off') setBot({ mode: 'off' });
    else if (next === 'builtin') setBot({ mode: 'builtin', menu: bot.menu ?? [] });
    else setBot({ mode: 'external', url: bot.url ?? '', timeoutMs: bot.timeoutMs ?? 10_000 });
  }

  async function issue() {
    if (!channelId || !window.confirm(t('bot.confirmCredentials'))) return;
    setCredentials(await api.post<BotCredentials>(`/channels/${channelId}/bot-credentials`));
  }

  return (
    <fieldset>
      <legend>{t('bot.title')}</legend>
      {isWidget && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.articleSearch === true}
            onChange={(e) => onChange({ ...settings, articleSearch: e.target.checked })}
          />
          {t('bot.articleSearch')}
        </label>
      )}
      <Field label={t('bot.mode')} error={err('mode')}>
        {(p) => (
          <select {...p} value={mode} onChange={(e) => pickMode(e.target.value)}>
            <option value="off">{t('bot.off')}</option>
            <option value="builtin">{t('bot.builtin')}</option>
            <option value="external">{t('bot.external')}</option>
          </select>
        )}
      </Field>
      {mode === 'builtin' && (
        <>
          {(['en', 'ru', 'uk'] as const).map((lang) => (
            <Field key={lang} label={t('bot.greeting', { lang })} error={err(`greeting.${lang}`)}>
              {(p) => (
                <input
                  {...p}
                  placeholder={t('bot.greetingHint')}
                  value={greeting[lang] ?? ''}
                  onChange={(e) => {
                    const { [lang]: _old, ...rest } = greeting;
                    const next = e.target.value ? { ...rest, [lang]: e.target.value } : rest;
                    setBot({ ...bot, greeting: Object.keys(next).length > 0 ? next : undefined });
                  }}
                />
              )}
            </Field>
          ))}
          <div className="field-row">
            <Field
              label={t('bot.threshold')}
              hint={t('bot.thresholdHint')}
              error={err('threshold')}
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min="0"
                  max="1"
                  step="0.01"
                  value={typeof bot.threshold === 'number' ? bot.threshold : 0.05}
                  onChange={(e) => setBot({ ...bot, threshold: Number(e.target.value) })}
                />
              )}
            </Field>
            <Field label={t('bot.maxTurns')} hint={t('bot.maxTurnsHint')} error={err('maxTurns')}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  min="1"
                  max="20"
                  value={typeof bot.maxTurns === 'number' ? bot.maxTurns : 3}
                  onChange={(e) => setBot({ ...bot, maxTurns: Number(e.target.value) })}
                />
              )}
            </Field>
          </div>
          <Field label={t('bot.menu')} hint={t('bot.menuHint')} error={menuError ?? err('menu')}>
            {(p) => (
              <textarea
                {...p}
                rows={8}
                className="mono"
                value={menu}
                onChange={(e) => {
                  setMenu(e.target.value);
                  try {
                    setBot({ ...bot, menu: JSON.parse(e.target.value) });
                    setMenuError(null);
                  } catch {
                    setMenuError(t('bot.menuInvalid'));
                  }
                }}
              />
            )}
          </Field>
        </>
      )}
      {mode === 'external' && (
        <>
          <Field label={t('bot.url')} hint={t('bot.urlHint')} error={err('url')}>
            {(p) => (
              <input
                {...p}
                type="url"
                value={typeof bot.url === 'string' ? bot.url : ''}
                onChange={(e) => setBot({ ...bot, url: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('bot.timeout')} error={err('timeoutMs')}>
            {(p) => (
              <input
                {...p}
                type="number"
                min="1"
                max="120"
                value={typeof bot.timeoutMs === 'number' ? bot.timeoutMs / 1000 : 10}
                onChange={(e) => setBot({ ...bot, timeoutMs: Number(e.target.value) * 1000 })}
              />
            )}
          </Field>
          {channelId && (
            <button type="button" onClick={() => void issue()}>
              {t('bot.credentials')}
            </button>
          )}
          {credentials && (
            <div className="card new-token" role="status">
              <p>{t('bot.credentialsOnce')}</p>
              <p>
                <code>{credentials.token}</code> <CopyButton text={credentials.token} />
              </p>
              <p>
                <code>{credentials.secret}</code> <CopyButton text={credentials.secret} />
              </p>
            </div>
          )}
        </>
      )}
    </fieldset>
  );
}
