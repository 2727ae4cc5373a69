// Top bar: navigation by role, the operator's status, alerts, language, logout.
import { useI18n } from '../i18n';
import { navigate, useRoute } from '../state/router';
import { isAdmin, isSupervisor, logOut, session } from '../state/session';
import { useStore } from '../state/store';
import { connection } from '../state/sync';
import { AlertSettings } from './alert-settings';
import { LanguageSwitch } from './language-switch';
import { StatusSwitch } from './status-switch';
import { Toasts } from './toasts';

export function Header() {
  const { t } = useI18n();
  const route = useRoute();
  const me = useStore(session, (s) => (s.phase === 'ready' ? s.me : null));
  const status = useStore(connection, (s) => s);
  if (!me) return null;
  const tabs = [
    { view: 'workspace' as const, label: t('nav.workspace'), show: true },
    { view: 'find' as const, label: t('nav.find'), show: true },
    { view: 'monitor' as const, label: t('nav.monitor'), show: isSupervisor(me) },
    { view: 'dashboard' as const, label: t('dashboard.nav'), show: isSupervisor(me) },
    { view: 'stats' as const, label: t('nav.stats'), show: isSupervisor(me) },
    { view: 'audit' as const, label: t('nav.audit'), show: isSupervisor(me) },
    { view: 'staffing' as const, label: t('nav.staffing'), show: isSupervisor(me) },
    { view: 'replay' as const, label: t('nav.replay'), show: isSupervisor(me) },
    { view: 'admin' as const, label: t('nav.admin'), show: isAdmin(me) },
  ];
  return (
    <header className="header">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <span className="brand">Switchboard</span>
      <nav aria-label={t('nav.label')}>
        {tabs
          .filter((x) => x.show)
          .map((x) => (
            <a
              key={x.view}
              href={x.view === 'workspace' ? '/' : `/${x.view}`}
              aria-current={route.view === x.view ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                if (x.view === 'workspace') navigate({ view: 'workspace', conversationId: null });
                else if (x.view === 'admin') navigate({ view: 'admin', section: 'operators' });
                else if (x.view === 'audit') navigate({ view: 'audit', conversationId: null });
                else navigate({ view: x.view });
              }}
            >
              {x.label}
            </a>
          ))}
      </nav>
      <StatusSwitch operator={me.operator} />
      <span className={`connection connection-${status}`} role="status">
        {t(`connection.${status}`)}
      </span>
      <div className="header-tools">
        <AlertSettings />
        <button
          type="button"
          className="icon-button"
          aria-label={t('shortcuts.title')}
          title={t('shortcuts.title')}
          onClick={() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' }))}
        >
          ?
        </button>
        <LanguageSwitch />
        <span className="who" title={me.operator.email}>
          {me.operator.name}
          <small>{t(`role.${me.operator.role}`)}</small>
        </span>
        <button type="button" className="link-button" onClick={() => void logOut()}>
          {t('header.logout')}
        </button>
      </div>
      <Toasts />
    </header>
  );
}
