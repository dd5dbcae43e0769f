// Hash routing (`#/query?g0.expr=…`), so a link reopens the same view even when
// Vigil is hosted as plain static files with no server-side rewrites.

import { useSyncExternalStore } from 'react';
import { DEMO_DASHBOARD_UID } from '../dashboards/shipped/index';

export interface Route {
  path: string;
  params: URLSearchParams;
}

/** A first open lands on the demo service's board: something to watch at once. */
export const HOME_PATH = `/d/${DEMO_DASHBOARD_UID}`;

function parse(hash: string): Route {
  const h = hash.replace(/^#/, '') || HOME_PATH;
  const q = h.indexOf('?');
  return q < 0 ? { path: h, params: new URLSearchParams() } : { path: h.slice(0, q), params: new URLSearchParams(h.slice(q + 1)) };
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parse(hash);
}

export function currentRoute(): Route {
  return parse(location.hash);
}

/** Rewrites the URL; `replace` keeps history from filling with every keystroke. */
export function navigate(path: string, params?: URLSearchParams, replace = false): void {
  const qs = params?.toString();
  const hash = `#${path}${qs ? `?${qs}` : ''}`;
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** The uid a board's route (`/d/<uid>`) names, or null for any other page. */
export function boardUid(path: string): string | null {
  const m = /^\/d\/([^/]+)/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}
