import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importGrafana, jsonErrorPlace, uidFromTitle, type ImportReport } from './grafanaImport';
import type { Dashboard, Panel, Row } from './model';

const SOURCES = ['https://prom.example.com'];

function load(name: string): { dashboard: Dashboard; report: ImportReport } {
  const r = importGrafana(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), { sources: SOURCES });
  if (!r.ok) throw new Error(r.error.what);
  return r.value;
}

function items(report: ImportReport): string[] {
  return report.items.map((i) => `${i.kind} ${i.path}`);
}

function panel(board: Dashboard, title: string): Panel {
  for (const p of board.panels) {
    if (p.kind === 'panel' && p.title === title) return p;
    if (p.kind === 'row') for (const c of p.panels) if (c.title === title) return c;
  }
  throw new Error(`no panel ${title}`);
}

function of<T extends Panel['type']>(p: Panel, type: T): Extract<Panel, { type: T }> {
  expect(p.type).toBe(type);
  return p as Extract<Panel, { type: T }>;
}

describe('JSON that does not parse', () => {
  it.each([
    ['{\n  "title": "x",\n}', 3, 1],
    ['{"panels": [1, 2', 1, 17],
    ['{\n"a": tru\n}', 2, 9],
  ])('is refused with its line and column: %j', (text, line, column) => {
    const r = importGrafana(text, { sources: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.problems?.[0]).toMatchObject({ line, column });
    expect(r.error.what).toMatch(new RegExp(`^line ${line}, column ${column}: `));
  });

  it('reads the line and column a newer engine puts in its message', () => {
    expect(jsonErrorPlace('{}', `Expected ',' or '}' after property value in JSON at position 9 (line 2 column 4)`)).toEqual({ line: 2, column: 4 });
  });

  it.each([['[1, 2]'], ['"dashboard"'], ['{"meta": {}}']])('refuses %s, which is no dashboard', (text) => {
    expect(importGrafana(text, { sources: [] }).ok).toBe(false);
  });
});

describe('uidFromTitle', () => {
  it.each([
    ['Node Exporter Full', 'node-exporter-full'],
    ['  ***  ', 'imported'],
    ['A'.repeat(50), 'a'.repeat(40)],
  ])('%s → %s', (title, uid) => expect(uidFromTitle(title)).toBe(uid));
});

describe('a Grafana 4 board in the rows layout (schema 14)', () => {
  const { dashboard: b, report } = load('grafana4-rows.json');

  it('lays the rows out on the 24-column grid as Grafana 5 did', () => {
    const layout = b.panels.map((p) => [p.kind, p.title, p.gridPos]);
    expect(layout).toEqual([
      ['row', 'Traffic', { x: 0, y: 0, w: 24, h: 1 }],
      ['panel', 'Requests by handler', { x: 0, y: 1, w: 16, h: 7 }],
      ['panel', 'Error ratio', { x: 16, y: 1, w: 8, h: 7 }],
      ['row', 'Latency', { x: 0, y: 8, w: 24, h: 1 }],
    ]);
    const latency = b.panels[3] as Row;
    expect(latency.collapsed).toBe(true);
    expect(latency.panels.map((p) => [p.title, p.gridPos])).toEqual([
      ['p99 latency', { x: 0, y: 9, w: 12, h: 8 }],
      ['Notes', { x: 12, y: 9, w: 12, h: 8 }],
    ]);
  });

  it('reads the board, its graph, singlestat, text and variables', () => {
    expect(b).toMatchObject({ uid: 'api-overview-grafana-4', title: 'API overview (Grafana 4)', tags: ['api', 'legacy'], time: { from: 'now-3h', to: 'now' }, refresh: '30s', timezone: 'utc', version: 7, source: '' });
    const graph = of(panel(b, 'Requests by handler'), 'timeseries');
    expect(graph.options).toMatchObject({ drawStyle: 'line', lineWidth: 2, fillOpacity: 10, legend: { mode: 'table', calcs: ['lastNotNull', 'max'] }, tooltip: 'multi' });
    expect(graph.fieldConfig.defaults).toMatchObject({ unit: 'reqps', min: 0, max: null });
    expect(graph.targets).toEqual([{ refId: 'A', expr: 'sum by (handler) (rate(http_requests_total{handler=~"$handler"}[$step]))', legendFormat: '{{handler}}', instant: false, interval: '10s', hide: false }]);
    const stat = of(panel(b, 'Error ratio'), 'stat');
    expect(stat.options).toEqual({ reducer: 'lastNotNull', colorMode: 'value', graphMode: 'area', textMode: 'auto' });
    expect(stat.fieldConfig.defaults).toMatchObject({
      unit: 'percentunit',
      decimals: 2,
      thresholds: { mode: 'absolute', steps: [{ value: null, color: '#299c46' }, { value: 0.01, color: 'rgba(237, 129, 40, 0.89)' }, { value: 0.05, color: '#d44a3a' }] },
      mappings: [{ type: 'special', match: 'null', result: { text: 'N/A' } }, { type: 'range', from: null, to: null, result: { text: 'N/A' } }],
    });
    expect(of(panel(b, 'p99 latency'), 'timeseries').options).toMatchObject({ logBase: 2, legend: { mode: 'hidden' } });
    expect(of(panel(b, 'Notes'), 'text').options).toEqual({ mode: 'markdown', content: '# Latency\nThe **p99** of all handlers.' });
    expect(b.variables.map((v) => [v.type, v.name])).toEqual([['query', 'handler'], ['interval', 'step'], ['textbox', 'cluster']]);
    expect(b.variables[0]).toMatchObject({ query: 'label_values(http_requests_total, handler)', regex: '/api/.*', sort: 1, multi: true, includeAll: true, allValue: '.*', current: { value: ['$__all'], text: ['All'] } });
    expect(b.variables[1]).toMatchObject({ auto: true, autoCount: 30, autoMin: '10s', query: '1m,5m,1h' });
  });

  it('reports', () => {
    expect(report.schemaVersion).toBe(14);
    expect(items(report)).toEqual([
      'mapped templating.list[0].datasource',
      'changed templating.list[2]',
      'changed uid',
      'changed rows',
      'changed rows[0].panels[0].targets[0].step',
      'unsupported rows[0].panels[0].targets[0].intervalFactor',
      'unsupported rows[1].panels[0].yaxes[0].label',
    ]);
  });
});

describe('a Grafana 7.4 board of graph and singlestat panels (schema 27)', () => {
  const { dashboard: b, report } = load('grafana7-graph-singlestat.json');

  it('turns the graph into a time series as Grafana migrates it', () => {
    const g = of(panel(b, 'Requests by code'), 'timeseries');
    expect(g.source).toBe('$datasource');
    expect(g.options).toMatchObject({ fillOpacity: 20, stacking: 'percent', logBase: 10, thresholdsStyle: 'line+area', tooltip: 'single', legend: { mode: 'table', placement: 'right', calcs: ['mean', 'lastNotNull', 'max', 'min'] } });
    expect(g.fieldConfig.defaults.thresholds.steps).toEqual([{ value: null, color: 'transparent' }, { value: 50, color: 'orange' }, { value: 100, color: 'red' }]);
    expect(g.fieldConfig.defaults.decimals).toBe(1);
    expect(g.fieldConfig.overrides).toEqual([
      { matcher: { id: 'byName', options: 'errors' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: '#F2495C' } }] },
      { matcher: { id: 'byName', options: 'errors' }, properties: [{ id: 'custom.fillOpacity', value: 0 }, { id: 'custom.lineWidth', value: 3 }, { id: 'custom.stacking', value: { mode: 'none' } }] },
      { matcher: { id: 'byRegexp', options: '/5..$/' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: '#FF9830' } }, { id: 'custom.drawStyle', value: 'bars' }, { id: 'custom.fillOpacity', value: 100 }] },
    ]);
    expect(g.targets.map((t) => [t.refId, t.hide, t.interval])).toEqual([['A', false, ''], ['B', true, '1m']]);
  });

  it('turns singlestats into a stat and, with its gauge shown, a gauge', () => {
    const up = of(panel(b, 'Uptime'), 'stat');
    expect(up.options).toEqual({ reducer: 'min', colorMode: 'background', graphMode: 'none', textMode: 'auto' });
    expect(up.fieldConfig.defaults.mappings).toEqual([{ type: 'value', options: { '0': { text: 'down' } } }, { type: 'range', from: 0, to: 60, result: { text: 'just started' } }]);
    const g = of(panel(b, 'Targets up'), 'gauge');
    expect(g.options).toEqual({ reducer: 'mean', showThresholdMarkers: true });
    expect(g.fieldConfig.defaults).toMatchObject({ min: 0, max: 1, unit: 'percentunit' });
    expect(g.targets[0].instant).toBe(true);
  });

  it('reads datasource, query, custom and hidden constant variables', () => {
    expect(b.variables.map((v) => [v.type, v.name])).toEqual([['datasource', 'datasource'], ['query', 'instance'], ['custom', 'speed'], ['constant', 'env']]);
    expect(b.variables[0]).toMatchObject({ options: [{ text: 'this browser', value: '' }, { text: SOURCES[0], value: SOURCES[0] }], current: { value: [''] } });
    expect(b.variables[1]).toMatchObject({ source: '$datasource', refresh: 2, sort: 3, current: { value: ['demo-1', 'demo-2'] } });
    expect(b.variables[2]).toMatchObject({ query: 'fast : 0.1, slow : 1', current: { text: ['fast'], value: ['0.1'] } });
    expect(b.variables[3]).toMatchObject({ hide: 2, query: 'prod' });
  });

  it('reports', () => {
    expect(items(report)).toEqual([
      'mapped templating.list[0]',
      'mapped templating.list[1].datasource',
      'unsupported panels[0].seriesOverrides[2].yaxis',
      'unsupported panels[0].seriesOverrides[2].dashes',
      'unsupported panels[1].postfix',
      'changed panels[2].valueName',
    ]);
  });
});

describe('a current board shared externally (schema 39, __inputs)', () => {
  const { dashboard: b, report } = load('grafana11-current.json');

  it('reads each panel type', () => {
    const ts = of(panel(b, 'Requests'), 'timeseries');
    expect(ts).toMatchObject({ description: 'Requests per second by handler.', interval: '10s', gridPos: { x: 0, y: 0, w: 12, h: 8 } });
    expect(ts.source).toBeUndefined();
    expect(ts.options).toMatchObject({ lineWidth: 2, fillOpacity: 25, pointSize: 4, stacking: 'normal', thresholdsStyle: 'line', tooltip: 'multi', legend: { mode: 'table', placement: 'right', calcs: ['mean', 'max', 'lastNotNull'] } });
    expect(ts.targets[1].legendFormat).toBe('');
    expect(ts.fieldConfig.overrides).toEqual([
      { matcher: { id: 'byName', options: '/healthz' }, properties: [{ id: 'color', value: { fixedColor: 'purple', mode: 'fixed' } }, { id: 'custom.lineWidth', value: 1 }] },
      { matcher: { id: 'byRegexp', options: '/api/.*' }, properties: [{ id: 'custom.fillOpacity', value: 10 }] },
    ]);
    const stat = of(panel(b, '$instance'), 'stat');
    expect(stat).toMatchObject({ repeat: 'instance', repeatDirection: 'h', maxPerRow: 6, options: { reducer: 'lastNotNull', colorMode: 'background', graphMode: 'none', textMode: 'value' } });
    expect(stat.fieldConfig.defaults.mappings).toEqual([
      { type: 'value', options: { '0': { text: 'DOWN', color: 'red' }, '1': { text: 'UP', color: 'green' } } },
      { type: 'special', match: 'null', result: { text: 'no data' } },
    ]);
    expect(of(panel(b, 'CPU'), 'gauge').fieldConfig.defaults.thresholds).toEqual({ mode: 'percentage', steps: [{ value: null, color: 'green' }, { value: 70, color: 'orange' }, { value: 90, color: 'red' }] });
    const bar = of(panel(b, 'Memory'), 'bargauge');
    expect(bar.options).toEqual({ reducer: 'max', orientation: 'horizontal', displayMode: 'lcd' });
    expect(bar.fieldConfig.defaults).toMatchObject({ displayName: '${__field.labels.instance}', color: 'blue', unit: 'bytes' });
    expect(of(panel(b, 'Requests in the last hour'), 'table').options).toEqual({ sortBy: 'Value', sortDesc: true });
    expect(of(panel(b, 'Latency buckets'), 'heatmap').options).toEqual({ colorScheme: 'Blues' });
    expect(of(panel(b, 'About'), 'text').options).toEqual({ mode: 'markdown', content: 'Runbook: see **#oncall**.' });
    expect(b.panels.map((p) => `${p.kind}:${p.id}`)).toEqual(['panel:1', 'panel:2', 'panel:3', 'panel:4', 'row:10', 'panel:5', 'panel:6', 'row:11']);
    expect((b.panels[7] as Row).panels.map((p) => p.id)).toEqual([7]);
  });

  it('reads the variables and turns the ad hoc one into the filter bar', () => {
    expect(b.variables.map((v) => [v.type, v.name])).toEqual([['query', 'job'], ['query', 'instance'], ['interval', 'window'], ['textbox', 'method']]);
    expect(b.variables[1]).toMatchObject({ query: 'label_values(up{job="$job"},instance)', regex: '/demo-(?<value>\\d+)/', sort: 7, allValue: '.+', description: 'Instances of the job' });
    expect(b.variables[0].current).toEqual({ text: [], value: [] });
    expect(b.filters).toEqual([{ key: 'code', operator: '!=', value: '404' }]);
    expect(b).toMatchObject({ uid: 'every-panel', description: 'Every panel type Vigil draws.', refresh: '', timezone: 'browser' });
  });

  it('reports', () => {
    expect(report.schemaVersion).toBe(39);
    expect(items(report)).toEqual([
      'mapped templating.list[0].datasource',
      'mapped templating.list[4]',
      'unsupported panels[0].fieldConfig.overrides[1].properties[1]',
      'unsupported panels[0].fieldConfig.overrides[2]',
      'mapped panels[5].targets[0].format',
      'mapped panels[6].targets[0].format',
    ]);
  });
});

describe('a board of things Vigil does not do, as the HTTP API answers it', () => {
  const { dashboard: b, report } = load('grafana-unsupported.json');

  it('keeps every panel, those it cannot draw as text saying what they were', () => {
    expect(b.panels.map((p) => (p.kind === 'panel' ? p.type : p.kind))).toEqual(['text', 'text', 'timeseries', 'text', 'text', 'stat']);
    expect(of(panel(b, 'Codes'), 'text').options.content).toContain('**piechart**');
    expect(of(panel(b, 'Error logs'), 'text').targets).toEqual([]);
    const mixed = of(panel(b, 'Mixed'), 'timeseries');
    expect(mixed.source).toBe(SOURCES[0]);
    expect(mixed.targets.map((t) => t.refId)).toEqual(['A']);
    expect(of(panel(b, 'HTML note'), 'text').options).toEqual({ mode: 'html', content: '<b>Danger</b> <script>alert(1)</script>' });
    expect(new Set(b.panels.map((p) => p.id)).size).toBe(6);
    expect(b.filters).toEqual([{ key: 'job', operator: '=~', value: 'api|web' }]);
    expect(b.variables.map((v) => v.name)).toEqual(['series']);
  });

  it('reports everything left out', () => {
    expect(report.schemaVersion).toBe(41);
    expect(items(report)).toEqual([
      'unsupported dashboard.templating.list[0]',
      'unsupported dashboard.templating.list[1]',
      'mapped dashboard.templating.list[2].datasource',
      'unsupported dashboard.templating.list[2].query',
      'unsupported dashboard.templating.list[3].filters[1]',
      'mapped dashboard.templating.list[3]',
      'changed dashboard.uid',
      'changed dashboard.timezone',
      'unsupported dashboard.panels[0]',
      'unsupported dashboard.panels[1]',
      'unsupported dashboard.panels[2].fieldConfig.defaults.custom.lineInterpolation',
      'unsupported dashboard.panels[2].fieldConfig.defaults.custom.spanNulls',
      'unsupported dashboard.panels[2].options.legend.calcs',
      'mapped dashboard.panels[2].datasource',
      'mapped dashboard.panels[2].targets[0].datasource',
      'unsupported dashboard.panels[2].targets[1].datasource',
      'unsupported dashboard.panels[2].targets[1]',
      'unsupported dashboard.panels[2].links',
      'unsupported dashboard.panels[2].timeFrom',
      'unsupported dashboard.panels[2].timeShift',
      'unsupported dashboard.panels[2].transformations',
      'changed dashboard.panels[3].id',
      'changed dashboard.panels[3]',
      'unsupported dashboard.panels[4]',
      'unsupported dashboard.panels[5].options.reduceOptions.calcs',
      'unsupported dashboard.panels[5].options.reduceOptions.calcs',
      'unsupported dashboard.panels[5].options.reduceOptions.values',
      'unsupported dashboard.panels[5].options.reduceOptions.fields',
      'changed dashboard.panels[5].options.colorMode',
      'changed dashboard.panels[5].targets[0].instant',
      'unsupported dashboard.panels[5].targets[0].exemplar',
      'unsupported dashboard.annotations.list[1]',
      'unsupported dashboard.graphTooltip',
      'unsupported dashboard.timepicker',
      'unsupported dashboard.links',
      'unsupported dashboard.liveNow',
    ]);
    expect(report.items.find((i) => i.path === 'dashboard.panels[3]')?.what).toMatch(/shown as plain text/);
  });
});

describe('datasource references', () => {
  const board = (ds: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ title: 't', ...extra, panels: [{ id: 1, type: 'timeseries', gridPos: { x: 0, y: 0, w: 12, h: 8 }, datasource: ds, targets: [{ refId: 'A', expr: 'up' }] }] });
  const inputs = { __inputs: [{ name: 'DS_PROM', type: 'datasource', pluginId: 'prometheus' }, { name: 'DS_LOKI', type: 'datasource', pluginId: 'loki' }] };

  it.each<[string, unknown, Record<string, unknown>, string | undefined, number, string]>([
    ['null follows the board', null, {}, undefined, 1, ''],
    ['a name follows the board', 'Prometheus', {}, undefined, 1, 'mapped'],
    ['a name that is a source URL goes there', SOURCES[0], {}, SOURCES[0], 1, 'mapped'],
    ['a uid that is a source URL goes there', { type: 'prometheus', uid: SOURCES[0] }, {}, SOURCES[0], 1, 'mapped'],
    ['a Prometheus input follows the board', '${DS_PROM}', inputs, undefined, 1, 'mapped'],
    ['a Loki input cannot be queried', { type: 'loki', uid: '${DS_LOKI}' }, inputs, undefined, 0, 'unsupported'],
    ['a Loki name cannot be queried', 'Loki logs', {}, undefined, 0, 'unsupported'],
    ['Grafana\'s built-in datasource cannot be queried', '-- Grafana --', {}, undefined, 0, 'unsupported'],
    ['an unknown variable follows the board', '$ds', {}, undefined, 1, 'mapped'],
  ])('%s', (_name, ds, extra, source, targets, kind) => {
    const r = importGrafana(board(ds, extra), { sources: SOURCES });
    if (!r.ok) throw new Error(r.error.what);
    const p = r.value.dashboard.panels[0] as Panel;
    expect(p.source).toBe(source);
    expect(p.targets).toHaveLength(targets);
    expect(r.value.report.items.find((i) => i.path === 'panels[0].datasource')?.kind ?? '').toBe(kind);
  });
});

describe('the e2e node_exporter board', () => {
  it('imports every panel, both variables, and reports only the mappings', () => {
    const r = importGrafana(readFileSync(new URL('../../e2e/fixtures/node-exporter-grafana.json', import.meta.url), 'utf8'), { sources: [] });
    if (!r.ok) throw new Error(r.error.what);
    const b = r.value.dashboard;
    expect(b.panels.filter((p) => p.kind === 'panel').map((p) => p.kind === 'panel' && p.type)).toEqual([
      'stat', 'stat', 'gauge', 'gauge', 'stat', 'stat', 'timeseries', 'timeseries', 'timeseries', 'timeseries', 'bargauge', 'timeseries', 'timeseries', 'table',
    ]);
    expect(b.variables.map((v) => v.type === 'query' && [v.name, v.query])).toEqual([
      ['job', 'label_values(node_uname_info, job)'],
      ['instance', 'label_values(node_uname_info, instance)'],
    ]);
    expect(items(r.value.report)).toEqual(['mapped templating.list[0].datasource', 'mapped panels[15].targets[0].format']);
  });
});
