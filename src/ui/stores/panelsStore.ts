// The Query page's panels. The URL is their source of truth (`g0.expr`,
// `g0.tab`, `g0.range`, `g0.end`, `g0.step`, `g0.stacked`, … as Prometheus's
// own UI names them), so a link reopens the same view; this store mirrors it
// for components to select from.

import { create } from 'zustand';
import { formatDuration, parseDuration } from '../../model/duration';
import type { TimeZone } from '../components/graphOptions';
import { currentRoute, navigate } from '../router';

export type PanelTab = 'graph' | 'table' | 'explain';
export const PANEL_TABS: readonly PanelTab[] = ['graph', 'table', 'explain'];

export interface Panel {
  expr: string;
  tab: PanelTab;
  rangeMs: number;
  /** End of the graphed range in ms, or null to follow now (live). */
  endMs: number | null;
  /** Query resolution in ms, or null for the automatic step. */
  stepMs: number | null;
  stacked: boolean;
  logScale: boolean;
  yFromZero: boolean;
  timeZone: TimeZone;
  /** A Prometheus-compatible HTTP API to ask instead of this browser's store; '' for the browser. */
  source: string;
}

export const DEFAULT_RANGE_MS = 15 * 60_000;
export const FIRST_VISIT_RANGE_MS = 5 * 60_000;
export const DEFAULT_EXPR = 'sum by (handler) (rate(http_requests_total[1m]))';

export function newPanel(expr = ''): Panel {
  return { expr, tab: 'graph', rangeMs: DEFAULT_RANGE_MS, endMs: null, stepMs: null, stacked: false, logScale: false, yFromZero: false, timeZone: 'local', source: '' };
}

/** A positive duration, or null for anything else (absent, malformed, zero). */
function durationParam(text: string | null): number | null {
  if (!text) return null;
  try {
    return parseDuration(text) || null;
  } catch {
    return null;
  }
}

export function panelsFromParams(params: URLSearchParams): Panel[] {
  const panels: Panel[] = [];
  for (let i = 0; params.has(`g${i}.expr`); i++) {
    const get = (k: string) => params.get(`g${i}.${k}`);
    const p = newPanel(get('expr') ?? '');
    const tab = get('tab');
    if (PANEL_TABS.includes(tab as PanelTab)) p.tab = tab as PanelTab;
    p.rangeMs = durationParam(get('range')) ?? DEFAULT_RANGE_MS;
    const end = Number(get('end'));
    p.endMs = get('end') && Number.isFinite(end) ? end : null;
    p.stepMs = durationParam(get('step'));
    p.stacked = get('stacked') === '1';
    p.logScale = get('scale') === 'log';
    p.yFromZero = get('zero') === '1';
    p.timeZone = get('tz') === 'utc' ? 'UTC' : 'local';
    p.source = get('source') ?? '';
    panels.push(p);
  }
  // A first visit has only seconds of data: a short range shows it moving at once.
  return panels.length > 0 ? panels : [{ ...newPanel(DEFAULT_EXPR), rangeMs: FIRST_VISIT_RANGE_MS }];
}

/** Only what differs from a new panel is written, so links stay short. */
export function panelsToParams(panels: readonly Panel[]): URLSearchParams {
  const params = new URLSearchParams();
  panels.forEach((p, i) => {
    const set = (k: string, v: string) => params.set(`g${i}.${k}`, v);
    set('expr', p.expr);
    set('tab', p.tab);
    set('range', formatDuration(p.rangeMs));
    if (p.endMs !== null) set('end', String(p.endMs));
    if (p.stepMs !== null) set('step', formatDuration(p.stepMs));
    if (p.stacked) set('stacked', '1');
    if (p.logScale) set('scale', 'log');
    if (p.yFromZero) set('zero', '1');
    if (p.timeZone === 'UTC') set('tz', 'utc');
    if (p.source !== '') set('source', p.source);
  });
  return params;
}

interface PanelsState {
  panels: Panel[];
  update(index: number, change: Partial<Panel>): void;
  add(): void;
  remove(index: number): void;
  /** Opens a new panel with this expression, e.g. a selector built in the label browser, reading `source` ('' for this browser). */
  open(expr: string, source?: string): void;
  /** Re-reads the URL (after back/forward or an opened link). */
  syncFromUrl(): void;
}

/** Replaces the history entry for edits (not one per keystroke); pushes one when arriving from another page. */
function write(panels: Panel[], replace = true): void {
  navigate('/query', panelsToParams(panels), replace);
}

export const usePanels = create<PanelsState>((set, get) => ({
  panels: panelsFromParams(currentRoute().params),
  update(index, change) {
    const panels = get().panels.map((p, i) => (i === index ? { ...p, ...change } : p));
    set({ panels });
    write(panels);
  },
  add() {
    const panels = [...get().panels, newPanel()];
    set({ panels });
    write(panels);
  },
  remove(index) {
    const rest = get().panels.filter((_, i) => i !== index);
    const panels = rest.length > 0 ? rest : [newPanel()];
    set({ panels });
    write(panels);
  },
  open(expr, source = '') {
    const panels = [...get().panels.filter((p) => p.expr.trim() !== ''), { ...newPanel(expr), source }];
    set({ panels });
    write(panels, false);
  },
  syncFromUrl() {
    const route = currentRoute();
    if (route.path !== '/query') return;
    // The nav link carries no panels: keep the ones open and put them back in the URL.
    if (route.params.has('g0.expr')) set({ panels: panelsFromParams(route.params) });
    else write(get().panels);
  },
}));
