// New boards and panels with every field filled in, as Grafana's defaults
// are: import, the editor and the shipped boards start from these.

import type { Dashboard, FieldConfig, Panel, PanelTarget, PanelType, Row } from './model';

export function defaultFieldConfig(): FieldConfig {
  return {
    unit: '',
    decimals: null,
    min: null,
    max: null,
    thresholds: {
      mode: 'absolute',
      steps: [
        { value: null, color: 'green' },
        { value: 80, color: 'red' },
      ],
    },
    mappings: [],
    displayName: '',
    color: '',
  };
}

export function newTarget(refId = 'A', expr = ''): PanelTarget {
  return { refId, expr, legendFormat: '', instant: false, interval: '', hide: false };
}

const PANEL_SIZE: Record<PanelType, { w: number; h: number }> = {
  timeseries: { w: 12, h: 8 },
  stat: { w: 6, h: 4 },
  gauge: { w: 6, h: 6 },
  bargauge: { w: 8, h: 6 },
  table: { w: 12, h: 8 },
  heatmap: { w: 12, h: 8 },
  text: { w: 8, h: 4 },
};

/** A panel of `type` with Grafana's defaults, at the grid's top left until placed. */
export function newPanel(type: PanelType, id: number, title = ''): Panel {
  const base = {
    kind: 'panel' as const,
    id,
    title,
    description: '',
    gridPos: { x: 0, y: 0, ...PANEL_SIZE[type] },
    targets: type === 'text' ? [] : [newTarget()],
    interval: '',
    repeat: '',
    repeatDirection: 'h' as const,
    maxPerRow: 4,
    fieldConfig: { defaults: defaultFieldConfig(), overrides: [] },
  };
  switch (type) {
    case 'timeseries':
      return {
        ...base,
        type,
        options: {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: 0,
          pointSize: 5,
          stacking: 'none',
          logBase: 0,
          thresholdsStyle: 'off',
          legend: { mode: 'list', placement: 'bottom', calcs: [] },
          tooltip: 'multi',
        },
      };
    case 'stat':
      return { ...base, type, options: { reducer: 'lastNotNull', colorMode: 'value', graphMode: 'area', textMode: 'auto' } };
    case 'gauge':
      return { ...base, type, options: { reducer: 'lastNotNull', showThresholdMarkers: true } };
    case 'bargauge':
      return { ...base, type, options: { reducer: 'lastNotNull', orientation: 'horizontal', displayMode: 'gradient' } };
    case 'table':
      return { ...base, type, options: { sortBy: '', sortDesc: false } };
    case 'heatmap':
      return { ...base, type, options: { colorScheme: 'Oranges' } };
    case 'text':
      return { ...base, type, options: { mode: 'markdown', content: '' } };
  }
}

export function newRow(id: number, title: string, y: number): Row {
  return { kind: 'row', id, title, gridPos: { x: 0, y, w: 24, h: 1 }, collapsed: false, panels: [], repeat: '' };
}

export function newDashboard(uid: string, title: string): Dashboard {
  return {
    uid,
    title,
    description: '',
    tags: [],
    time: { from: 'now-1h', to: 'now' },
    refresh: '',
    timezone: 'browser',
    source: '',
    variables: [],
    filters: [],
    panels: [],
    version: 0,
  };
}

/** The next free panel or row id on a board. */
export function nextPanelId(board: Dashboard): number {
  let max = 0;
  for (const p of board.panels) {
    max = Math.max(max, p.id);
    if (p.kind === 'row') for (const q of p.panels) max = Math.max(max, q.id);
  }
  return max + 1;
}
