// The app shell: login gate, header, and the view for the current path.
import { lazy, Suspense, useEffect, useState } from 'react';
import { onSessionLost } from './api/client';
import { Header } from './components/header';
import { ShortcutsHelp } from './components/shortcuts-help';
import { useI18n } from './i18n';
import { useAssignmentAlerts } from './lib/use-assignment-alerts';
import { useFlagNotices } from './lib/use-flag-notices';
import { useOperatorNotices } from './lib/use-operator-notices';
import { useGlobalShortcuts } from './lib/use-shortcuts';
import { useRoute } from './state/router';
import { isAdmin, isSupervisor, loadSession, session } from './state/session';
import { useStore } from './state/store';
import { startSync } from './state/sync';
import { LoginView } from './views/login/login-view';
import { SetPasswordView } from './views/login/set-password-view';
import { Workspace } from './views/workspace/workspace';

// Operators, who are most users, never load the supervisor and admin screens.
const AdminView = lazy(() =>
  import('./views/admin/admin-view').then((m) => ({ default: m.AdminView })),
);
const MonitorView = lazy(() =>
  import('./views/monitor/monitor-view').then((m) => ({ default: m.MonitorView })),
);
// Reports stay out of the initial bundle too (issue 6 budget).
const StatsView = lazy(() =>
  import('./views/stats/stats-view').then((m) => ({ default: m.StatsView })),
);
const DashboardView = lazy(() =>
  import('./views/dashboard/dashboard-view').then((m) => ({ default: m.DashboardView })),
);
const AuditView = lazy(() =>
  import('./views/audit/audit-view').then((m) => ({ default: m.AuditView })),
);
// Search and past conversations: a chunk of their own, loaded on first visit.
const FindView = lazy(() =>
  import('./views/find/find-view').then((m) => ({ default: m.FindView })),
);
const StaffingView = lazy(() =>
  import('./views/staffing/staffing-view').then((m) => ({ default: m.StaffingView })),
);
const ReplayView = lazy(() =>
  import('./views/replay/replay-view').then((m) => ({ default: m.ReplayView })),
);

export function App() {
  const state = useStore(session, (s) => s);
  const { t } = useI18n();
  // A password link opens this page whether or not someone is logged in here.
  const [settingPassword, setSettingPassword] = useState(
    () => window.location.pathname === '/set-password',
  );
  useEffect(() => {
    onSessionLost(() => session.set({ phase: 'anonymous' }));
    void loadSession();
  }, []);
  if (settingPassword) return <SetPasswordView onDone={() => setSettingPassword(false)} />;
  if (state.phase === 'loading')
    return (
      <p className="splash" role="status">
        {t('common.loading')}
      </p>
    );
  if (state.phase === 'anonymous') return <LoginView />;
  return <SignedIn key={state.me.operator.id} />;
}

function SignedIn() {
  const route = useRoute();
  const me = useStore(session, (s) => (s.phase === 'ready' ? s.me : null));
  const { t } = useI18n();
  useEffect(() => startSync(), []);
  useAssignmentAlerts();
  useOperatorNotices();
  useFlagNotices();
  const help = useGlobalShortcuts();
  let view = (
    <Workspace
      conversationId={route.view === 'workspace' ? route.conversationId : null}
      seq={route.view === 'workspace' ? (route.seq ?? null) : null}
    />
  );
  if (route.view === 'find') view = <FindView />;
  const forbidden = <p className="empty">{t('error.forbidden')}</p>;
  if (route.view === 'monitor') view = isSupervisor(me) ? <MonitorView /> : forbidden;
  if (route.view === 'dashboard') view = isSupervisor(me) ? <DashboardView /> : forbidden;
  if (route.view === 'stats') view = isSupervisor(me) ? <StatsView /> : forbidden;
  if (route.view === 'audit')
    view = isSupervisor(me) ? <AuditView conversationId={route.conversationId} /> : forbidden;
  if (route.view === 'staffing') view = isSupervisor(me) ? <StaffingView /> : forbidden;
  if (route.view === 'replay') view = isSupervisor(me) ? <ReplayView /> : forbidden;
  if (route.view === 'admin')
    view = isAdmin(me) ? (
      <AdminView section={route.section} />
    ) : (
      <p className="empty">{t('error.forbidden')}</p>
    );
  return (
    <div className="app">
      <Header />
      <main className="app-main" id="main">
        <Suspense
          fallback={
            <p className="splash" role="status">
              {t('common.loading')}
            </p>
          }
        >
          {view}
        </Suspense>
      </main>
      {help.open && <ShortcutsHelp onClose={help.close} />}
    </div>
  );
}
