// Grafana's Angular panels read as the React panels Grafana migrates them to:
// `graph` → time series (a port of the time series panel's
// graphToTimeseriesOptions, public/app/plugins/panel/timeseries/migrations.ts)
// and `singlestat` → stat or gauge (the stat panel's migrateFromAngularSinglestat).

import { newPanel } from './defaults';
import { reducerOf, readFieldDefaults, readOverrides } from './grafanaFields';
import { isRaw, JsonObject, toNumber } from './grafanaJson';
import type { FieldOverride, Panel, Reducer, ThresholdStep, ValueMapping } from './model';

type TimeSeriesPanel = Extract<Panel, { type: 'timeseries' }>;

/** Graph thresholds' colours, as getThresholdColor picks them. */
function thresholdColor(t: JsonObject): string {
  const mode = t.str('colorMode');
  const fill = t.str('fillColor');
  const line = t.str('lineColor');
  if (mode === 'critical') return 'red';
  if (mode === 'warning') return 'orange';
  if (mode === 'custom') return fill || line;
  return 'red';
}

function graphThresholds(p: JsonObject, panel: TimeSeriesPanel): void {
  const sorted = p.objs('thresholds').sort((a, b) => ((toNumber(a.raw.value) ?? 0) > (toNumber(b.raw.value) ?? 0) ? 1 : -1));
  if (sorted.length === 0) return;
  const steps: ThresholdStep[] = [];
  let area = false;
  let line = false;
  sorted.forEach((t, i) => {
    const next = sorted[i + 1];
    const value = t.num('value');
    if (t.bool('fill')) area = true;
    if (t.bool('line')) line = true;
    t.skip('yaxis');
    const op = t.str('op', 'gt');
    const color = thresholdColor(t);
    if (op === 'gt') steps.push({ value, color });
    if (op === 'lt') {
      if (steps.length === 0) steps.push({ value: null, color });
      if (next && next.raw.op === 'lt') steps.push({ value, color: thresholdColor(next) });
      else steps.push({ value, color: 'transparent' });
    }
    t.leftovers('threshold option');
  });
  if (steps[0].value !== null) steps.unshift({ value: null, color: 'transparent' });
  panel.fieldConfig.defaults.thresholds = { mode: 'absolute', steps };
  panel.options.thresholdsStyle = line && area ? 'line+area' : area ? 'area' : 'line';
}

/** `/regex/` aliases are regexes (as the migration tests them); others are names. */
const REGEX_ALIAS = /^([/~@;%#'])(.*?)\1([gimsuy]*)$/;

function seriesOverrides(p: JsonObject): FieldOverride[] {
  const out: FieldOverride[] = [];
  const colors = p.obj('aliasColors');
  for (const [alias, color] of Object.entries(colors.raw)) {
    colors.skip(alias);
    if (typeof color === 'string' && color !== '') out.push({ matcher: { id: 'byName', options: alias }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }] });
  }
  for (const o of p.objs('seriesOverrides')) {
    const alias = o.str('alias');
    if (alias === '') continue;
    const properties: FieldOverride['properties'] = [];
    for (const key of Object.keys(o.raw)) {
      const v = o.raw[key];
      if (key === 'alias' || key.startsWith('$$')) continue;
      o.skip(key);
      if (key === 'fill' && typeof v === 'number') properties.push({ id: 'custom.fillOpacity', value: v * 10 });
      else if (key === 'linewidth') properties.push({ id: 'custom.lineWidth', value: v });
      else if (key === 'pointradius' && typeof v === 'number') properties.push({ id: 'custom.pointSize', value: 2 + v * 2 });
      else if (key === 'bars') properties.push(...(v ? [{ id: 'custom.drawStyle', value: 'bars' }, { id: 'custom.fillOpacity', value: 100 }] : [{ id: 'custom.drawStyle', value: 'line' }]));
      else if (key === 'lines') properties.push(v ? { id: 'custom.drawStyle', value: 'line' } : { id: 'custom.lineWidth', value: 0 });
      else if (key === 'color') properties.push({ id: 'color', value: { mode: 'fixed', fixedColor: v } });
      else if (key === 'stack') properties.push({ id: 'custom.stacking', value: { mode: v ? 'normal' : 'none' } });
      else o.note('unsupported', `series override "${key}" (${JSON.stringify(v)}) for ${alias} is not supported and was left out`, key);
    }
    if (properties.length > 0) out.push({ matcher: { id: REGEX_ALIAS.test(alias) ? 'byRegexp' : 'byName', options: alias }, properties });
  }
  return out;
}

export function readGraph(p: JsonObject, id: number): Panel {
  const panel = newPanel('timeseries', id) as TimeSeriesPanel;
  const fc = p.obj('fieldConfig');
  const d = fc.obj('defaults');
  const custom = d.obj('custom');
  panel.fieldConfig.defaults = readFieldDefaults(d);
  custom.leftovers('graph field option');
  const [y1, y2] = p.objs('yaxes');
  if (y1) {
    const f = panel.fieldConfig.defaults;
    f.unit = y1.str('format', f.unit);
    f.decimals = y1.num('decimals') ?? f.decimals;
    f.min = y1.num('min') ?? f.min;
    f.max = y1.num('max') ?? f.max;
    const log = y1.num('logBase');
    if (log === 2 || log === 10) panel.options.logBase = log;
    else if (log !== null && log !== 1) y1.note('unsupported', `log base ${log} is not supported: the axis is linear`, 'logBase');
    if (y1.take('show') === false) y1.note('unsupported', 'a hidden y axis is shown', 'show');
    y1.leftovers('y axis option');
  }
  y2?.skip('format', 'decimals', 'min', 'max', 'logBase', 'show', 'label', 'align', 'alignLevel');
  const decimals = p.num('decimals');
  if (decimals !== null) panel.fieldConfig.defaults.decimals = decimals;
  const o = panel.options;
  const bars = p.bool('bars');
  const lines = p.bool('lines', true);
  const points = p.bool('points');
  o.drawStyle = bars ? 'bars' : lines ? 'line' : 'points';
  const radius = p.num('pointradius');
  if (points && radius !== null) o.pointSize = 2 + radius * 2;
  o.lineWidth = p.num('linewidth') ?? 1;
  const fill = p.num('fill');
  if (fill !== null) o.fillOpacity = fill * 10;
  const gradient = p.num('fillGradient');
  if (gradient !== null && gradient > 0) {
    o.fillOpacity = gradient * 10;
    p.note('changed', 'the gradient fill is drawn as a plain fill', 'fillGradient');
  }
  if (o.drawStyle === 'bars') o.fillOpacity = 100;
  if (p.bool('stack')) o.stacking = p.bool('percentage') ? 'percent' : 'normal';
  else p.skip('percentage');
  if (p.bool('steppedLine')) p.note('unsupported', 'stepped lines are drawn as straight lines', 'steppedLine');
  const nullMode = p.str('nullPointMode', 'null');
  if (nullMode !== 'null') p.note('unsupported', `null point mode "${nullMode}" is not supported: missing points leave gaps`, 'nullPointMode');
  if (p.bool('dashes')) p.note('unsupported', 'dashed lines are drawn solid', 'dashes');
  readLegend(p.obj('legend'), panel);
  const tooltip = p.obj('tooltip');
  const shared = tooltip.take('shared');
  if (typeof shared === 'boolean') o.tooltip = shared ? 'multi' : 'single';
  tooltip.skip('value_type', 'msResolution');
  tooltip.leftovers('tooltip option', { sort: 0 });
  graphThresholds(p, panel);
  const overrides = seriesOverrides(p);
  panel.fieldConfig.overrides = [...readOverrides(fc), ...overrides];
  const xaxis = p.obj('xaxis');
  const mode = xaxis.str('mode', 'time');
  if (mode !== 'time') xaxis.note('unsupported', `x axis mode "${mode}" is not supported: drawn over time`, 'mode');
  xaxis.skip('show', 'values', 'buckets', 'name');
  xaxis.leftovers('x axis option');
  p.skip('renderer', 'dashLength', 'spaceLength', 'hiddenSeries', 'yaxis', 'options', 'thresholds', 'seriesOverrides', 'aliasColors', 'yaxes');
  const yaxis = p.obj('yaxis');
  yaxis.leftovers('y axis option', { align: false, alignLevel: null });
  return panel;
}

/** The old graph legend: `values` with min/max/avg/current/total as calcs, as getReducersFromLegend reads them. */
function readLegend(l: JsonObject, panel: TimeSeriesPanel): void {
  const legend = panel.options.legend;
  if (l.bool('show', true)) legend.mode = l.bool('alignAsTable') ? 'table' : 'list';
  else legend.mode = 'hidden';
  if (l.bool('rightSide')) legend.placement = 'right';
  const calcs: Reducer[] = [];
  const values = l.bool('values');
  // In the legend object's key order, as getReducersFromLegend walks it.
  for (const key of Object.keys(l.raw).filter((k) => ['min', 'max', 'avg', 'current', 'total'].includes(k))) {
    if (l.bool(key) && values) {
      const r = reducerOf(key);
      if (r) calcs.push(r);
    }
  }
  legend.calcs = calcs;
  if (l.bool('hideEmpty') || l.bool('hideZero')) l.note('unsupported', 'hiding empty or all-zero series from the legend is not supported');
  l.skip('sideWidth', 'sort', 'sortDesc');
  l.leftovers('legend option');
}

/** singlestat: valueName through Grafana's reducer ids; anything it has no reducer for is `mean`, as the migration does. */
export function readSinglestat(p: JsonObject, id: number): Panel {
  const gauge = p.obj('gauge');
  const asGauge = gauge.bool('show');
  const panel = newPanel(asGauge ? 'gauge' : 'stat', id);
  const f = panel.fieldConfig.defaults;
  const valueName = p.str('valueName', 'avg');
  const reducer = reducerOf(valueName);
  if (!reducer) p.note('changed', `value "${valueName}" has no reducer: the mean is shown, as Grafana's migration does`, 'valueName');
  f.unit = p.str('format', 'none');
  f.decimals = p.num('decimals');
  const thresholds = p.str('thresholds');
  const colors = p.list('colors').filter((c): c is string => typeof c === 'string');
  if (thresholds !== '' && colors.length > 0) {
    const levels = thresholds.split(',').map((s) => Number(s.trim()));
    const steps: ThresholdStep[] = [];
    for (const color of colors) {
      const idx = steps.length - 1;
      steps.push({ value: idx >= 0 ? (levels[idx] ?? null) : null, color });
    }
    f.thresholds = { mode: 'absolute', steps };
  }
  f.mappings = singlestatMappings(p);
  if (panel.type === 'gauge') {
    f.min = gauge.num('minValue');
    f.max = gauge.num('maxValue');
    panel.options = { reducer: reducer ?? 'mean', showThresholdMarkers: gauge.bool('thresholdMarkers', true) };
    gauge.skip('thresholdLabels');
    p.skip('colorBackground', 'colorValue', 'sparkline');
  } else if (panel.type === 'stat') {
    const sparkline = p.obj('sparkline');
    panel.options = {
      reducer: reducer ?? 'mean',
      colorMode: p.bool('colorBackground') ? 'background' : p.bool('colorValue') ? 'value' : 'none',
      graphMode: sparkline.bool('show') ? 'area' : 'none',
      textMode: 'auto',
    };
    sparkline.skip('fillColor', 'lineColor', 'full', 'ymin', 'ymax');
    sparkline.leftovers('sparkline option');
    gauge.skip('minValue', 'maxValue', 'thresholdMarkers', 'thresholdLabels');
  }
  gauge.leftovers('gauge option');
  for (const key of ['prefix', 'postfix', 'nullText']) if (p.str(key) !== '') p.note('unsupported', `${key} "${String(p.raw[key])}" is not shown`, key);
  const column = p.str('tableColumn');
  if (column !== '') p.note('unsupported', `table column "${column}" is not supported: every series is shown`, 'tableColumn');
  p.skip('nullPointMode', 'mappingType', 'mappingTypes', 'postfixFontSize', 'prefixFontSize', 'valueFontSize', 'colorPrefix', 'colorPostfix', 'maxDataPoints', 'valueMaps', 'rangeMaps', 'fieldConfig', 'options');
  return panel;
}

function singlestatMappings(p: JsonObject): ValueMapping[] {
  const out: ValueMapping[] = [];
  const values: Record<string, { text: string }> = {};
  for (const m of p.list('valueMaps')) {
    if (!isRaw(m) || typeof m.text !== 'string') continue;
    if (m.value === 'null') out.push({ type: 'special', match: 'null', result: { text: m.text } });
    else if (m.value !== undefined && m.value !== null) values[String(m.value)] = { text: m.text };
  }
  for (const m of p.list('rangeMaps')) {
    if (isRaw(m) && typeof m.text === 'string') out.push({ type: 'range', from: toNumber(m.from), to: toNumber(m.to), result: { text: m.text } });
  }
  if (Object.keys(values).length > 0) out.unshift({ type: 'value', options: values });
  return out;
}
