// The app shell: navigation and the page the URL names.

import { useEffect } from 'react';
import { AlertBanner } from './components/AlertBanner';
import { bannerAlerts } from './components/alertSeverity';
import { PageNav, type NavPage } from './components/PageNav';
import { StartupBanner } from './components/StartupBanner';
import { UpdateBanner } from './components/UpdateBanner';
import { BoardPage } from './dashboard/BoardPage';
import { AlertsPage } from './pages/AlertsPage';
import { DashboardsPage } from './pages/DashboardsPage';
import { MetricsPage } from './pages/MetricsPage';
import { QueryPage } from './pages/QueryPage';
import { RulesPage } from './pages/RulesPage';
import { SettingsPage } from './pages/SettingsPage';
import { StatusPage } from './pages/StatusPage';
import { TargetsPage } from './pages/TargetsPage';
import { boardUid, HOME_PATH, useRoute } from './router';
import { startAlertsStore, useAlerts } from './stores/alertsStore';
import { startEngineStore, useEngine } from './stores/engineStore';

const PAGES = [
  { path: '/dashboards', title: 'Dashboards', Page: DashboardsPage },
  { path: '/query', title: 'Query', Page: QueryPage },
  { path: '/metrics', title: 'Metrics', Page: MetricsPage },
  { path: '/alerts', title: 'Alerts', Page: AlertsPage },
  { path: '/rules', title: 'Rules', Page: RulesPage },
  { path: '/targets', title: 'Targets', Page: TargetsPage },
  { path: '/status', title: 'Status', Page: StatusPage },
  { path: '/settings', title: 'Settings', Page: SettingsPage },
];

export function App() {
  const route = useRoute();
  useEffect(startEngineStore, []);
  useEffect(startAlertsStore, []);
  const firing = useAlerts((s) => bannerAlerts(s.views).length);
  const targets = useEngine((s) => s.targets);
  const down = targets.filter((t) => t.state === 'down').length;
  const storageMessage = useEngine((s) => s.storageMessage);
  const dismiss = useEngine((s) => s.dismissStorageMessage);
  const board = boardUid(route.path);
  const page = board === null ? (PAGES.find((p) => p.path === route.path) ?? PAGES[1]) : PAGES[0];
  const navPages: NavPage[] = PAGES.map(({ path, title }) => ({
    path,
    title,
    badge: path === '/targets' ? { count: down, label: `${down} targets down` } : path === '/alerts' ? { count: firing, label: `${firing} alerts firing` } : undefined,
  }));
  return (
    <>
      <header className="top">
        <a className="brand" href={`#${HOME_PATH}`}>
          Vigil
        </a>
        <PageNav pages={navPages} current={navPages[PAGES.indexOf(page)]} />
      </header>
      {storageMessage ? (
        <div className="banner" role="alert">
          <span>{storageMessage}</span>
          <button type="button" onClick={dismiss} aria-label="Dismiss storage message">
            ✕
          </button>
        </div>
      ) : null}
      <UpdateBanner />
      <StartupBanner />
      <AlertBanner />
      <main>
        {board === null ? <page.Page /> : <BoardPage key={board} uid={board} />}
      </main>
    </>
  );
}
