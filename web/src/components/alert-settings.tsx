// The operator's alert switches: each kind, sound, desktop notifications, and
// the one visible control that asks the browser for notification permission
// (never asked on load). Kept on the server (PUT /me/alerts).
import { useState } from 'react';
import { ALERT_KINDS } from '../../../src/domain/alerts';
import type { AlertPrefs } from '../api/types';
import { useI18n } from '../i18n';
import { alertPrefs, changeAlertPrefs } from '../lib/alerts';
import { askDesktopPermission, desktopPermission } from '../lib/notify';
import { useStore } from '../state/store';
import { toast } from '../state/toasts';
import { BellIcon } from './icons';

export function AlertSettings() {
  const { t } = useI18n();
  const prefs = useStore(alertPrefs, (p) => p);
  const [permission, setPermission] = useState(desktopPermission);
  const toggle = (key: keyof AlertPrefs) =>
    void changeAlertPrefs({ [key]: !prefs[key] }).catch(() =>
      toast('error', t('alerts.saveFailed')),
    );
  const row = (key: keyof AlertPrefs, label: string) => (
    <label key={key} className="alert-option">
      <input type="checkbox" checked={prefs[key]} onChange={() => toggle(key)} />
      <span>{label}</span>
    </label>
  );
  return (
    <details className="alert-settings">
      <summary className="icon-button" title={t('alerts.settings')}>
        <BellIcon muted={!prefs.sound && !prefs.desktop} />
        <span className="visually-hidden">{t('alerts.settings')}</span>
      </summary>
      <div className="alert-panel">
        <fieldset>
          <legend>{t('alerts.settingsTitle')}</legend>
          {ALERT_KINDS.map((kind) => row(kind, t(`alerts.kind.${kind}`)))}
        </fieldset>
        <fieldset>
          {row('sound', t('alerts.sound'))}
          {row('desktop', t('alerts.desktop'))}
        </fieldset>
        {permission === 'default' && (
          <button
            type="button"
            className="link-button"
            onClick={() => void askDesktopPermission().then(setPermission)}
          >
            {t('alerts.enableDesktop')}
          </button>
        )}
        {permission === 'denied' && prefs.desktop && (
          <p className="hint">{t('alerts.desktopDenied')}</p>
        )}
      </div>
    </details>
  );
}
