// The Query page's panels. The URL is their source of truth (`g0.expr`,
// `g0.tab`, `g0.range`, `g0.end`, as Prometheus's own UI names them), so a link
// reopens the same view; this store mirrors it for components to select from.

import { create } from 'zustand';
import { formatDuration, parseDuration } from '../../model/duration';
import { currentRoute, navigate } from '../router';

export type PanelTab = 'graph' | 'table';

export interface Panel {
  expr: string;
  tab: PanelTab;
  rangeMs: number;
  /** End of the graphed range in ms, or null to follow now (live). */
  endMs: number | null;
}

export const DEFAULT_RANGE_MS = 15 * 60_000;
export const FIRST_VISIT_RANGE_MS = 5 * 60_000;
export const DEFAULT_EXPR = 'sum by (handler) (rate(http_requests_total[1m]))';

export function newPanel(expr = ''): Panel {
  return { expr, tab: 'graph', rangeMs: DEFAULT_RANGE_MS, endMs: null };
}

export function panelsFromParams(params: URLSearchParams): Panel[] {
  const panels: Panel[] = [];
  for (let i = 0; params.has(`g${i}.expr`); i++) {
    const p = newPanel(params.get(`g${i}.expr`) ?? '');
    if (params.get(`g${i}.tab`) === 'table') p.tab = 'table';
    try {
      p.rangeMs = parseDuration(params.get(`g${i}.range`) ?? '') || DEFAULT_RANGE_MS;
    } catch {
      p.rangeMs = DEFAULT_RANGE_MS;
    }
    const end = Number(params.get(`g${i}.end`));
    p.endMs = params.get(`g${i}.end`) && Number.isFinite(end) ? end : null;
    panels.push(p);
  }
  // A first visit has only seconds of data: a short range shows it moving at once.
  return panels.length > 0 ? panels : [{ ...newPanel(DEFAULT_EXPR), rangeMs: FIRST_VISIT_RANGE_MS }];
}

export function panelsToParams(panels: readonly Panel[]): URLSearchParams {
  const params = new URLSearchParams();
  panels.forEach((p, i) => {
    params.set(`g${i}.expr`, p.expr);
    params.set(`g${i}.tab`, p.tab);
    params.set(`g${i}.range`, formatDuration(p.rangeMs));
    if (p.endMs !== null) params.set(`g${i}.end`, String(p.endMs));
  });
  return params;
}

interface PanelsState {
  panels: Panel[];
  update(index: number, change: Partial<Panel>): void;
  add(): void;
  remove(index: number): void;
  /** Re-reads the URL (after back/forward or an opened link). */
  syncFromUrl(): void;
}

function write(panels: Panel[]): void {
  navigate('/query', panelsToParams(panels), true);
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
  syncFromUrl() {
    const route = currentRoute();
    if (route.path === '/query') set({ panels: panelsFromParams(route.params) });
  },
}));
