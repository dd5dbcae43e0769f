// One Grafana panel read into a Vigil panel: the common fields, its targets,
// and its type's options (current React panels here, Angular ones in
// grafanaLegacyPanels). A panel type Vigil does not draw becomes a text
// panel saying what it was, so the board's layout stays whole.

import { newPanel } from './defaults';
import type { SourceContext } from './grafanaDatasources';
import { readFieldDefaults, readOverrides, readReduceOptions } from './grafanaFields';
import type { JsonObject } from './grafanaJson';
import { readGraph, readSinglestat } from './grafanaLegacyPanels';
import { readTargets } from './grafanaTargets';
import type { HeatmapOptions, Panel, Reducer } from './model';

/** Grafana keys that never change what a panel shows. */
const MACHINERY = ['id', 'type', 'gridPos', 'pluginVersion', 'repeatPanelId', 'repeatIteration', 'scopedVars', 'hideTimeOverride', 'cacheTimeout', 'queryCachingTTL', 'editable', 'error', 'isNew', 'span', 'minSpan', 'height', 'collapsed', 'panels', 'datasource', 'targets'];

export function readPanel(p: JsonObject, id: number, ctx: SourceContext): Panel {
  const type = p.str('type');
  p.skip(...MACHINERY);
  const panel = readTyped(type, p, id);
  if (panel === null) return unsupportedPanel(p, id, type);
  panel.title = p.str('title');
  panel.description = p.str('description');
  panel.gridPos = readGridPos(p, panel.gridPos);
  panel.interval = p.str('interval');
  panel.repeat = p.str('repeat');
  panel.repeatDirection = p.str('repeatDirection') === 'v' ? 'v' : 'h';
  panel.maxPerRow = p.num('maxPerRow') ?? 4;
  if (panel.type !== 'text') {
    const { targets, source } = readTargets(p, ctx);
    panel.targets = targets;
    if (source !== undefined) panel.source = source;
  }
  p.leftovers(`${type} panel option`);
  return panel;
}

export function readGridPos(p: JsonObject, fallback: Panel['gridPos']): Panel['gridPos'] {
  const g = p.obj('gridPos');
  g.skip('static');
  const n = (k: 'x' | 'y' | 'w' | 'h') => Math.max(0, Math.round(g.num(k) ?? fallback[k]));
  return { x: n('x'), y: n('y'), w: Math.min(24, Math.max(1, n('w'))), h: Math.max(1, n('h')) };
}

function readTyped(type: string, p: JsonObject, id: number): Panel | null {
  switch (type) {
    case 'graph':
      return readGraph(p, id);
    case 'singlestat':
      return readSinglestat(p, id);
    case 'timeseries':
      return readTimeseries(p, id);
    case 'stat':
    case 'gauge':
    case 'bargauge':
      return readSingleValue(type, p, id);
    case 'table':
    case 'table-old':
      return readTable(type, p, id);
    case 'heatmap':
      return readHeatmap(p, id);
    case 'text':
      return readText(p, id);
    default:
      return null;
  }
}

function unsupportedPanel(p: JsonObject, id: number, type: string): Panel {
  const title = p.str('title');
  const panel = newPanel('text', id, title);
  panel.gridPos = readGridPos(p, panel.gridPos);
  if (panel.type === 'text') panel.options.content = `This panel was a Grafana **${type || 'untyped'}** panel, which Vigil does not draw.`;
  p.note('unsupported', `panel "${title}" of type ${type || '(none)'} is not supported: it became a text panel saying so`);
  return panel;
}

/** fieldConfig of a React panel: defaults, overrides, and `custom` checked against the type's defaults. */
function readFieldConfig(p: JsonObject, panel: Panel, customDefaults: Record<string, unknown>): JsonObject {
  const fc = p.obj('fieldConfig');
  const d = fc.obj('defaults');
  const custom = d.obj('custom');
  panel.fieldConfig = { defaults: readFieldDefaults(d), overrides: readOverrides(fc) };
  p.skip('fieldConfig');
  custom.skip(...Object.keys(customDefaults).filter((k) => customDefaults[k] === SKIP));
  return custom;
}

/** Marks a custom key as not affecting what Vigil draws. */
const SKIP = Symbol('skip');

const TIMESERIES_CUSTOM: Record<string, unknown> = {
  axisPlacement: 'auto',
  axisLabel: '',
  axisCenteredZero: false,
  axisColorMode: SKIP,
  axisBorderShow: SKIP,
  axisSoftMin: null,
  axisSoftMax: null,
  barAlignment: 0,
  barWidthFactor: SKIP,
  gradientMode: 'none',
  hideFrom: { legend: false, tooltip: false, viz: false },
  insertNulls: false,
  lineInterpolation: 'linear',
  lineStyle: { fill: 'solid' },
  showPoints: SKIP,
  spanNulls: false,
  transform: SKIP,
};

function readTimeseries(p: JsonObject, id: number): Panel {
  const panel = newPanel('timeseries', id);
  if (panel.type !== 'timeseries') return panel;
  const custom = readFieldConfig(p, panel, TIMESERIES_CUSTOM);
  const o = panel.options;
  const draw = custom.str('drawStyle', 'line');
  o.drawStyle = draw === 'bars' ? 'bars' : draw === 'points' ? 'points' : 'line';
  o.lineWidth = custom.num('lineWidth') ?? 1;
  o.fillOpacity = custom.num('fillOpacity') ?? 0;
  o.pointSize = custom.num('pointSize') ?? 5;
  const stacking = custom.obj('stacking');
  const mode = stacking.str('mode', 'none');
  o.stacking = mode === 'normal' || mode === 'percent' ? mode : 'none';
  stacking.skip('group');
  const scale = custom.obj('scaleDistribution');
  if (scale.str('type', 'linear') === 'log') {
    const log = scale.num('log');
    o.logBase = log === 2 ? 2 : 10;
    if (log !== 2 && log !== 10) scale.note('changed', `log base ${log} is drawn as log 10`);
  }
  scale.skip('log', 'linearThreshold');
  const ts = custom.obj('thresholdsStyle').str('mode', 'off');
  const styles: Record<string, typeof o.thresholdsStyle> = { off: 'off', line: 'line', area: 'area', 'line+area': 'line+area', dashed: 'line', 'dashed+area': 'line+area', series: 'off' };
  o.thresholdsStyle = styles[ts] ?? 'off';
  if (ts === 'dashed' || ts === 'dashed+area' || ts === 'series') custom.note('changed', `thresholds style "${ts}" is drawn as "${o.thresholdsStyle}"`, 'thresholdsStyle');
  custom.leftovers('time series field option', Object.fromEntries(Object.entries(TIMESERIES_CUSTOM).filter(([, v]) => v !== SKIP)));
  const options = p.obj('options');
  const legend = options.obj('legend');
  const display = legend.str('displayMode', 'list');
  o.legend.mode = legend.take('showLegend') === false || display === 'hidden' ? 'hidden' : display === 'table' ? 'table' : 'list';
  o.legend.placement = legend.str('placement') === 'right' ? 'right' : 'bottom';
  o.legend.calcs = readCalcs(legend);
  legend.skip('width', 'sortBy', 'sortDesc', 'asTable', 'isVisible');
  legend.leftovers('legend option');
  const tooltip = options.obj('tooltip');
  const tm = tooltip.str('mode', 'single');
  o.tooltip = tm === 'multi' || tm === 'none' ? tm : 'single';
  tooltip.skip('sort', 'maxHeight', 'maxWidth', 'hideZeros');
  options.skip('timezone', 'orientation');
  options.leftovers('time series option');
  return panel;
}

function readCalcs(legend: JsonObject): Reducer[] {
  const out: Reducer[] = [];
  for (const c of legend.list('calcs')) {
    if (typeof c !== 'string') continue;
    const reducers: Record<string, Reducer> = { min: 'min', max: 'max', mean: 'mean', lastNotNull: 'lastNotNull', last: 'last', first: 'first', firstNotNull: 'firstNotNull', sum: 'sum', count: 'count', range: 'range', delta: 'delta' };
    if (Object.hasOwn(reducers, c)) out.push(reducers[c]);
    else legend.note('unsupported', `legend value "${c}" is not supported and was left out`, 'calcs');
  }
  return out;
}

function readSingleValue(type: 'stat' | 'gauge' | 'bargauge', p: JsonObject, id: number): Panel {
  const panel = newPanel(type, id);
  const custom = readFieldConfig(p, panel, {});
  custom.leftovers(`${type} field option`, { hideFrom: { legend: false, tooltip: false, viz: false } });
  const options = p.obj('options');
  const reducer = readReduceOptions(options);
  options.skip('orientation', 'text', 'justifyMode', 'minVizWidth', 'minVizHeight', 'maxVizHeight', 'sizing', 'namePlacement', 'valueMode', 'wideLayout', 'showUnfilled', 'showThresholdLabels', 'legend');
  if (panel.type === 'stat') {
    const colorMode = options.str('colorMode', 'value');
    panel.options = {
      reducer,
      colorMode: colorMode === 'background' || colorMode === 'background_solid' ? 'background' : colorMode === 'none' ? 'none' : 'value',
      graphMode: options.str('graphMode', 'area') === 'none' ? 'none' : 'area',
      textMode: readTextMode(options.str('textMode', 'auto')),
    };
    if (colorMode === 'background_solid') options.note('changed', 'a solid background is drawn as a background colour', 'colorMode');
    options.leftovers('stat option', { showPercentChange: false, percentChangeColorMode: 'standard' });
  } else if (panel.type === 'gauge') {
    panel.options = { reducer, showThresholdMarkers: options.bool('showThresholdMarkers', true) };
    if (options.raw.showThresholdLabels === true) options.note('unsupported', 'threshold labels are not shown', 'showThresholdLabels');
    options.leftovers('gauge option');
  } else if (panel.type === 'bargauge') {
    const orientation = options.raw.orientation;
    const mode = options.str('displayMode', 'gradient');
    panel.options = {
      reducer,
      orientation: orientation === 'vertical' ? 'vertical' : 'horizontal',
      displayMode: mode === 'basic' || mode === 'lcd' ? mode : 'gradient',
    };
    options.leftovers('bar gauge option');
  }
  return panel;
}

function readTextMode(m: string): 'auto' | 'value' | 'value_and_name' | 'name' | 'none' {
  return m === 'value' || m === 'value_and_name' || m === 'name' || m === 'none' ? m : 'auto';
}

function readTable(type: string, p: JsonObject, id: number): Panel {
  const panel = newPanel('table', id);
  if (panel.type !== 'table') return panel;
  if (type === 'table-old') {
    p.note('changed', 'the old table panel became a table: its column styles were left out');
    p.skip('styles', 'columns', 'fontSize', 'pageSize', 'showHeader', 'scroll');
    const sort = p.obj('sort');
    panel.options.sortDesc = sort.bool('desc');
    sort.skip('col');
    const transform = p.str('transform', 'timeseries_to_columns');
    if (transform !== 'timeseries_to_columns' && transform !== 'timeseries_aggregations') p.note('unsupported', `table transform "${transform}" is not supported`, 'transform');
    else p.note('changed', `table transform "${transform}" is shown as Vigil's table (a row per series)`, 'transform');
    return panel;
  }
  const custom = readFieldConfig(p, panel, {});
  custom.skip('align', 'cellOptions', 'inspect', 'filterable', 'width', 'minWidth', 'displayMode');
  custom.leftovers('table field option');
  const options = p.obj('options');
  const [sortBy] = options.objs('sortBy');
  if (sortBy) {
    panel.options.sortBy = sortBy.str('displayName');
    panel.options.sortDesc = sortBy.bool('desc');
  }
  options.skip('cellHeight', 'frameIndex', 'showHeader', 'showTypeIcons');
  options.leftovers('table option', { footer: { show: false, reducer: ['sum'], countRows: false, fields: '' } });
  return panel;
}

const SCHEMES: readonly HeatmapOptions['colorScheme'][] = ['Oranges', 'Blues', 'Greens', 'Reds', 'Purples', 'Spectral'];

function readScheme(owner: JsonObject, name: string): HeatmapOptions['colorScheme'] {
  const bare = name.replace(/^interpolate/, '');
  const found = SCHEMES.find((s) => s === bare);
  if (!found && name !== '') owner.note('changed', `colour scheme "${name}" is drawn as Oranges`);
  return found ?? 'Oranges';
}

/** Both heatmaps: the Angular one (`color.colorScheme`, `dataFormat`) and the React one of Grafana 9 (`options.color.scheme`). */
function readHeatmap(p: JsonObject, id: number): Panel {
  const panel = newPanel('heatmap', id);
  if (panel.type !== 'heatmap') return panel;
  const options = p.obj('options');
  if (p.has('dataFormat') || !p.has('options')) {
    const color = p.obj('color');
    panel.options.colorScheme = readScheme(color, color.str('colorScheme', 'interpolateOranges'));
    if (color.str('mode', 'spectrum') !== 'spectrum') color.note('changed', `colour mode "${String(color.raw.mode)}" is drawn with a colour scheme`);
    color.skip('cardColor', 'colorScale', 'exponent', 'min', 'max');
    const format = p.str('dataFormat', 'timeseries');
    if (format !== 'tsbuckets') p.note('unsupported', `heatmap data format "${format}": Vigil draws histogram buckets (\`le\` series) only, not buckets computed from raw series`, 'dataFormat');
    p.skip('cards', 'highlightCards', 'hideZeroBuckets', 'legend', 'reverseYBuckets', 'tooltip', 'xAxis', 'yAxis', 'xBucketNumber', 'xBucketSize', 'yBucketBound', 'yBucketNumber', 'yBucketSize', 'heatmap', 'fieldConfig', 'options');
    return panel;
  }
  readFieldConfig(p, panel, {}).skip('hideFrom', 'scaleDistribution');
  const color = options.obj('color');
  panel.options.colorScheme = readScheme(color, color.str('scheme', 'Oranges'));
  if (color.str('mode', 'scheme') !== 'scheme') color.note('changed', `colour mode "${String(color.raw.mode)}" is drawn with a colour scheme`);
  color.skip('fill', 'scale', 'exponent', 'steps', 'reverse', 'min', 'max');
  if (options.bool('calculate')) options.note('unsupported', 'buckets calculated from raw series are not supported: Vigil draws histogram buckets (`le` series) only', 'calculate');
  options.skip('calculation', 'cellGap', 'cellValues', 'exemplars', 'filterValues', 'legend', 'rowsFrame', 'selectionMode', 'showValue', 'tooltip', 'yAxis', 'showColorScale');
  options.leftovers('heatmap option');
  return panel;
}

function readText(p: JsonObject, id: number): Panel {
  const panel = newPanel('text', id);
  if (panel.type !== 'text') return panel;
  // Text panels before Grafana 7.1 kept mode and content at the top.
  const options = p.obj('options');
  const mode = options.has('mode') ? options.str('mode') : p.str('mode', 'markdown');
  const content = options.has('content') ? options.str('content') : p.str('content');
  p.skip('mode', 'content', 'fieldConfig');
  options.skip('code');
  if (mode === 'html') {
    panel.options = { mode: 'html', content };
    p.note('changed', 'HTML text is shown as plain text, never run as HTML');
  } else if (mode === 'code') {
    panel.options = { mode: 'markdown', content: `\`\`\`\n${content}\n\`\`\`` };
    p.note('changed', 'a code text panel is shown as a Markdown code block');
  } else {
    panel.options = { mode: 'markdown', content };
  }
  options.leftovers('text option');
  return panel;
}

