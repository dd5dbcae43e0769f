import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Workbox } from 'workbox-window';
import { App } from './App';
import { watchUpdates } from './stores/appUpdateStore';
import { applyStoredTheme } from './stores/themeStore';
import './styles.css';

applyStoredTheme();
// The built app only: under `vite` a caching worker would serve stale modules (vite.config.ts).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const base = import.meta.env.BASE_URL;
  watchUpdates(new Workbox(`${base}sw.js`, { scope: base }), () => location.reload());
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
