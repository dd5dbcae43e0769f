// A Vigil board written back as Grafana dashboard JSON in the "export for
// sharing externally" form: current schema, panels with gridPos, rows as
// `type: 'row'`, fieldConfig and options in Grafana's shapes, and every query
// on a `${DS_PROMETHEUS}` input that Grafana asks for on import.
//
// Differences a round trip shows (import of the export): a panel's or the
// board's remote URL becomes the one input (Grafana cannot name a URL); a
// datasource variable comes back offering this browser and the remote sources,
// on this browser; refresh `live` (Vigil's own) is written as Grafana's `5s`.

import { GRAFANA_SCHEMA_VERSION } from './grafanaImport';
import type { Dashboard, FieldConfig, Panel, Row, ValueMapping, Variable, VariableCurrent } from './model';

type Json = Record<string, unknown>;

const DS_INPUT = 'DS_PROMETHEUS';
const PROMETHEUS = { type: 'prometheus', uid: `\${${DS_INPUT}}` };

function datasourceOf(source: string | undefined): Json {
  // A datasource variable stays a variable; a URL or this browser is the input.
  return source?.startsWith('$') ? { type: 'prometheus', uid: `\${${source.slice(1)}}` } : { ...PROMETHEUS };
}

function mappings(ms: ValueMapping[]): Json[] {
  return ms.map((m, index) => {
    switch (m.type) {
      case 'value':
        return { type: 'value', options: Object.fromEntries(Object.entries(m.options).map(([k, r], i) => [k, { ...r, index: index + i }])) };
      case 'range':
        return { type: 'range', options: { from: m.from, to: m.to, result: { ...m.result, index } } };
      case 'regex':
        return { type: 'regex', options: { pattern: m.pattern, result: { ...m.result, index } } };
      case 'special':
        return { type: 'special', options: { match: m.match, result: { ...m.result, index } } };
    }
  });
}

function defaults(f: FieldConfig, colorMode: 'palette-classic' | 'thresholds', custom: Json | null): Json {
  const out: Json = {
    color: f.color !== '' ? { mode: 'fixed', fixedColor: f.color } : { mode: colorMode },
    mappings: mappings(f.mappings),
    thresholds: { mode: f.thresholds.mode, steps: f.thresholds.steps.map((s) => ({ color: s.color, value: s.value })) },
  };
  if (custom) out.custom = custom;
  if (f.unit !== '') out.unit = f.unit;
  if (f.decimals !== null) out.decimals = f.decimals;
  if (f.min !== null) out.min = f.min;
  if (f.max !== null) out.max = f.max;
  if (f.displayName !== '') out.displayName = f.displayName;
  return out;
}

function reduceOptions(reducer: string): Json {
  return { values: false, calcs: [reducer], fields: '' };
}

/** fieldConfig and options of a panel, in the shapes Grafana's own panels save. */
function typed(p: Panel): { fieldConfig: Json; options: Json } {
  const overrides = p.fieldConfig.overrides.map((o) => ({ matcher: { ...o.matcher }, properties: o.properties.map((x) => ({ ...x })) }));
  const f = p.fieldConfig.defaults;
  switch (p.type) {
    case 'timeseries': {
      const o = p.options;
      const custom = {
        drawStyle: o.drawStyle,
        lineWidth: o.lineWidth,
        fillOpacity: o.fillOpacity,
        pointSize: o.pointSize,
        showPoints: o.drawStyle === 'points' ? 'always' : 'auto',
        stacking: { mode: o.stacking, group: 'A' },
        scaleDistribution: o.logBase === 0 ? { type: 'linear' } : { type: 'log', log: o.logBase },
        thresholdsStyle: { mode: o.thresholdsStyle },
      };
      return {
        fieldConfig: { defaults: defaults(f, 'palette-classic', custom), overrides },
        options: {
          legend: { showLegend: o.legend.mode !== 'hidden', displayMode: o.legend.mode === 'table' ? 'table' : 'list', placement: o.legend.placement, calcs: [...o.legend.calcs] },
          tooltip: { mode: o.tooltip, sort: 'none' },
        },
      };
    }
    case 'stat':
      return {
        fieldConfig: { defaults: defaults(f, 'thresholds', null), overrides },
        options: { reduceOptions: reduceOptions(p.options.reducer), colorMode: p.options.colorMode, graphMode: p.options.graphMode, textMode: p.options.textMode, justifyMode: 'auto', orientation: 'auto' },
      };
    case 'gauge':
      return {
        fieldConfig: { defaults: defaults(f, 'thresholds', null), overrides },
        options: { reduceOptions: reduceOptions(p.options.reducer), showThresholdMarkers: p.options.showThresholdMarkers, showThresholdLabels: false, orientation: 'auto' },
      };
    case 'bargauge':
      return {
        fieldConfig: { defaults: defaults(f, 'thresholds', null), overrides },
        options: { reduceOptions: reduceOptions(p.options.reducer), orientation: p.options.orientation, displayMode: p.options.displayMode, showUnfilled: true },
      };
    case 'table':
      return {
        fieldConfig: { defaults: defaults(f, 'thresholds', { align: 'auto', cellOptions: { type: 'auto' }, inspect: false }), overrides },
        options: { showHeader: true, sortBy: p.options.sortBy === '' ? [] : [{ displayName: p.options.sortBy, desc: p.options.sortDesc }] },
      };
    case 'heatmap':
      return {
        fieldConfig: { defaults: defaults(f, 'palette-classic', { hideFrom: { legend: false, tooltip: false, viz: false }, scaleDistribution: { type: 'linear' } }), overrides },
        options: {
          calculate: false,
          cellGap: 1,
          color: { mode: 'scheme', scheme: p.options.colorScheme, fill: 'dark-orange', scale: 'exponential', exponent: 0.5, steps: 64, reverse: false },
          rowsFrame: { layout: 'auto' },
          legend: { show: true },
          tooltip: { mode: 'single', yHistogram: false },
          yAxis: { axisPlacement: 'left', reverse: false, unit: f.unit },
        },
      };
    case 'text':
      return { fieldConfig: { defaults: {}, overrides: [] }, options: { mode: p.options.mode, content: p.options.content } };
  }
}

function panelJson(p: Panel): Json {
  const out: Json = { id: p.id, type: p.type, title: p.title, gridPos: { ...p.gridPos } };
  if (p.description !== '') out.description = p.description;
  if (p.type !== 'text') {
    const datasource = datasourceOf(p.source);
    out.datasource = datasource;
    out.targets = p.targets.map((t) => ({
      datasource: { ...datasource },
      refId: t.refId,
      expr: t.expr,
      legendFormat: t.legendFormat,
      range: !t.instant,
      instant: t.instant,
      ...(t.interval !== '' ? { interval: t.interval } : {}),
      ...(t.hide ? { hide: true } : {}),
      ...(p.type === 'heatmap' ? { format: 'heatmap' } : {}),
      editorMode: 'code',
    }));
  }
  if (p.interval !== '') out.interval = p.interval;
  if (p.repeat !== '') Object.assign(out, { repeat: p.repeat, repeatDirection: p.repeatDirection, maxPerRow: p.maxPerRow });
  return { ...out, ...typed(p) };
}

function rowJson(r: Row): Json {
  return { id: r.id, type: 'row', title: r.title, gridPos: { ...r.gridPos }, collapsed: r.collapsed, panels: r.collapsed ? r.panels.map(panelJson) : [], ...(r.repeat !== '' ? { repeat: r.repeat } : {}) };
}

function current(c: VariableCurrent, multi: boolean): Json {
  if (c.value.length === 0) return {};
  return multi ? { text: [...c.text], value: [...c.value] } : { text: c.text[0] ?? '', value: c.value[0] ?? '' };
}

function variableJson(v: Variable): Json {
  const base: Json = { name: v.name, label: v.label === '' ? undefined : v.label, description: v.description === '' ? undefined : v.description, hide: v.hide, type: v.type, skipUrlSync: false };
  const options = (os: { text: string; value: string }[], cur: VariableCurrent) => os.map((o) => ({ text: o.text, value: o.value, selected: cur.value.includes(o.value) }));
  switch (v.type) {
    case 'query':
      return {
        ...base,
        datasource: datasourceOf(v.source),
        definition: v.query,
        query: { query: v.query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
        regex: v.regex,
        sort: v.sort,
        refresh: v.refresh,
        multi: v.multi,
        includeAll: v.includeAll,
        allValue: v.allValue === '' ? null : v.allValue,
        current: current(v.current, v.multi),
        options: [],
      };
    case 'custom':
      return { ...base, query: v.query, multi: v.multi, includeAll: v.includeAll, allValue: v.allValue === '' ? null : v.allValue, current: current(v.current, v.multi), options: options(v.options, v.current) };
    case 'constant':
      return { ...base, query: v.query, current: { text: v.query, value: v.query }, options: [{ text: v.query, value: v.query, selected: true }] };
    case 'textbox':
      return { ...base, query: v.query, current: current(v.current, false), options: [{ text: v.query, value: v.query, selected: true }] };
    case 'interval':
      return { ...base, query: v.query, auto: v.auto, auto_count: v.autoCount, auto_min: v.autoMin, refresh: 2, current: current(v.current, false), options: options(v.options, v.current) };
    case 'datasource':
      return { ...base, query: 'prometheus', regex: '', multi: v.multi, includeAll: v.includeAll, current: {}, options: [] };
  }
}

export function exportGrafana(board: Dashboard): Record<string, unknown> {
  const list = board.variables.map(variableJson);
  if (board.filters.length > 0) {
    list.push({ type: 'adhoc', name: 'Filters', hide: 0, datasource: { ...PROMETHEUS }, filters: board.filters.map((f) => ({ key: f.key, operator: f.operator, value: f.value, condition: '' })) });
  }
  const types = new Set<string>();
  for (const p of board.panels) {
    if (p.kind === 'panel') types.add(p.type);
    else for (const c of p.panels) types.add(c.type);
  }
  return {
    __inputs: [{ name: DS_INPUT, label: 'Prometheus', description: '', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' }],
    __elements: {},
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: '10.4.0' },
      { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
      ...[...types].sort().map((id) => ({ type: 'panel', id, name: id, version: '' })),
    ],
    annotations: {
      list: [{ builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true, iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard' }],
    },
    description: board.description,
    editable: true,
    fiscalYearStartMonth: 0,
    graphTooltip: 0,
    id: null,
    links: [],
    panels: board.panels.map((p) => (p.kind === 'row' ? rowJson(p) : panelJson(p))),
    // Grafana has no "live": its shortest usual refresh stands in.
    refresh: board.refresh === 'live' ? '5s' : board.refresh,
    schemaVersion: GRAFANA_SCHEMA_VERSION,
    tags: [...board.tags],
    templating: { list },
    time: { ...board.time },
    timepicker: {},
    timezone: board.timezone,
    title: board.title,
    uid: board.uid,
    version: board.version,
    weekStart: '',
  };
}
