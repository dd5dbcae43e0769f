import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

/** Which build a tab runs (Status page): VIGIL_BUILD, else the version and the minute it was built. */
function buildName(command: 'build' | 'serve'): string {
  if (process.env.VIGIL_BUILD) return process.env.VIGIL_BUILD;
  if (command === 'serve') return `${pkg.version}, dev server`;
  return `${pkg.version}, built ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// The installable app: a web app manifest and a Workbox service worker that
// precaches the built app (every hashed asset, index.html, the engine's worker
// bundles), so a bookmarked or installed Vigil opens with no server. The worker
// answers only for its own precached files and page navigations; every other
// request, scrapes of targets above all, goes to the network untouched.
// Registration lives in src/ui/main.tsx and stores/appUpdateStore.ts (built app only); a new build's
// worker waits until the user chooses Reload.

/** The colours of styles.css's light theme: the top bar (--surface) and the page (--bg). */
const THEME_COLOR = '#ffffff';
const BACKGROUND_COLOR = '#f6f7f9';

/**
 * Under `vite` (dev), /sw.js is a worker that removes itself: a browser that
 * once installed the built app on the same origin (npm start and the dev server
 * share port 5173) would otherwise keep serving the old build's precache.
 */
const DEV_SELF_REMOVING_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.registration.unregister()
  .then(() => self.clients.matchAll({ type: 'window' }))
  .then((clients) => Promise.all(clients.map((c) => c.navigate(c.url))))));
`;

function devServiceWorkerRemover(): Plugin {
  return {
    name: 'vigil-dev-sw-remover',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/sw.js') return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.setHeader('Cache-Control', 'no-store');
        res.end(DEV_SELF_REMOVING_WORKER);
      });
    },
  };
}

function pwa(): Plugin[] {
  return [
    ...VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // The icons are in public/ and found by globPatterns; listing them twice would precache them twice.
      includeManifestIcons: false,
      manifest: {
        name: 'Vigil',
        short_name: 'Vigil',
        description: 'Prometheus in a browser tab: scrape, store, query and alert, all client-side.',
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: BACKGROUND_COLOR,
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,wasm}'],
        // The main bundle (CodeMirror, uPlot, the PromQL parser) is over Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // Hash routing: every view is index.html, also when opened with a query (?engine=dedicated).
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // A first install takes the open tab at once, so it works offline without a second load;
        // an update still waits for Reload (skipWaiting only on the page's message).
        clientsClaim: true,
        skipWaiting: false,
        runtimeCaching: [],
      },
    }),
    devServiceWorkerRemover(),
  ];
}

export default defineConfig(({ command }) => ({
  plugins: [react(), ...pwa()],
  define: { 'import.meta.env.VIGIL_BUILD': JSON.stringify(buildName(command)) },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: true },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: true },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024 },
}));
