// The app shell: navigation and the page the URL names.

import { useEffect } from 'react';
import { AlertBanner } from './components/AlertBanner';
import { bannerAlerts } from './components/alertSeverity';
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
  return (
    <>
      <header className="top">
        <a className="brand" href={`#${HOME_PATH}`}>
          Vigil
        </a>
        <nav aria-label="Pages">
          {PAGES.map((p) => (
            <a key={p.path} href={`#${p.path}`} aria-current={p === page ? 'page' : undefined}>
              {p.title}
              {p.path === '/targets' && down > 0 ? <span className="badge" aria-label={`${down} targets down`}>{down}</span> : null}
              {p.path === '/alerts' && firing > 0 ? <span className="badge" aria-label={`${firing} alerts firing`}>{firing}</span> : null}
            </a>
          ))}
        </nav>
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
