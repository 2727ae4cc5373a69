// A channel's auto-close (issue 17; src/domain/care/auto-close.ts): the kind's
// default, never, or a number of minutes of client silence after the
// operator's or bot's last message. Stored as `settings.autoCloseMs`: absent
// (null when cleared) for the default, 0 for never.
import {
  AUTO_CLOSE_BOUNDS_MS,
  DEFAULT_AUTO_CLOSE_MS,
} from '../../../../src/domain/care/auto-close';
import type { ChannelKind } from '../../api/types';
import { Field, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import type { ShownError } from '../../lib/errors';
import type { Settings } from './channel-form';

type Mode = 'default' | 'off' | 'custom';

function modeOf(value: unknown): Mode {
  if (value === 0) return 'off';
  return typeof value === 'number' && value > 0 ? 'custom' : 'default';
}

export function AutoCloseEditor({
  kind,
  settings,
  onChange,
  error,
}: {
  kind: ChannelKind;
  settings: Settings;
  onChange: (s: Settings) => void;
  error: ShownError | null;
}) {
  const { t } = useI18n();
  const value = settings.autoCloseMs;
  const mode = modeOf(value);
  const fallback = DEFAULT_AUTO_CLOSE_MS[kind];
  const minutes = typeof value === 'number' && value > 0 ? String(Math.round(value / 60_000)) : '';

  function setMode(next: Mode) {
    if (next === 'default') onChange({ ...settings, autoCloseMs: null });
    else if (next === 'off') onChange({ ...settings, autoCloseMs: 0 });
    else onChange({ ...settings, autoCloseMs: fallback ?? 30 * 60_000 });
  }

  return (
    <fieldset>
      <legend>{t('autoClose.title')}</legend>
      <p className="hint">{t('autoClose.hint')}</p>
      <div className="field-row">
        <Field label={t('autoClose.mode')} error={null}>
          {(p) => (
            <select {...p} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
              <option value="default">
                {t('autoClose.default', {
                  value:
                    fallback === null
                      ? t('autoClose.defaultOff')
                      : t('autoClose.defaultMinutes', { n: fallback / 60_000 }),
                })}
              </option>
              <option value="off">{t('autoClose.off')}</option>
              <option value="custom">{t('autoClose.custom')}</option>
            </select>
          )}
        </Field>
        {mode === 'custom' && (
          <Field label={t('autoClose.minutes')} error={fieldError(error, 'settings.autoCloseMs')}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={AUTO_CLOSE_BOUNDS_MS.min / 60_000}
                max={AUTO_CLOSE_BOUNDS_MS.max / 60_000}
                value={minutes}
                onChange={(e) =>
                  onChange({
                    ...settings,
                    autoCloseMs: e.target.value === '' ? null : Number(e.target.value) * 60_000,
                  })
                }
              />
            )}
          </Field>
        )}
      </div>
    </fieldset>
  );
}
