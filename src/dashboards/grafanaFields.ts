// Grafana's fieldConfig read into Vigil's: defaults (unit, decimals, min, max,
// thresholds, value mappings in the 7.0 and the 8.0+ shapes, display name,
// fixed colour) and overrides by name or regex. Follows Grafana's own
// migrations where an old shape is read (DashboardMigrator's
// upgradeValueMappings, the stat panel's migrateFromAngularSinglestat).

import { defaultFieldConfig } from './defaults';
import { isRaw, JsonObject, toNumber } from './grafanaJson';
import type { FieldConfig, FieldOverride, MappingResult, Reducer, ThresholdStep, Thresholds, ValueMapping } from './model';

/** Grafana's reducer ids and the aliases its field reducers answer to (`current`, `avg`, `total`). */
const REDUCERS: Record<string, Reducer> = {
  last: 'last',
  lastNotNull: 'lastNotNull',
  current: 'lastNotNull',
  first: 'first',
  firstNotNull: 'firstNotNull',
  mean: 'mean',
  avg: 'mean',
  max: 'max',
  min: 'min',
  sum: 'sum',
  total: 'sum',
  count: 'count',
  range: 'range',
  delta: 'delta',
};

export function reducerOf(id: string): Reducer | undefined {
  return Object.hasOwn(REDUCERS, id) ? REDUCERS[id] : undefined;
}

/** `options.reduceOptions`: the first calc is the reducer; more calcs, all values or a field filter are reported. */
export function readReduceOptions(options: JsonObject): Reducer {
  const ro = options.obj('reduceOptions');
  const calcs = ro.list('calcs').filter((c): c is string => typeof c === 'string');
  let reducer: Reducer = 'lastNotNull';
  if (calcs.length > 0) {
    const r = reducerOf(calcs[0]);
    if (r) reducer = r;
    else ro.note('unsupported', `reducer "${calcs[0]}" is not supported: "Last *" is used`, 'calcs');
  }
  if (calcs.length > 1) ro.note('unsupported', `only the first calculation is shown; ${calcs.slice(1).join(', ')} left out`, 'calcs');
  if (ro.bool('values')) ro.note('unsupported', 'showing every value (not a calculation) is not supported: one reduced value per series is shown', 'values');
  ro.leftovers('reduce option', { fields: '', limit: null });
  return reducer;
}

export function readThresholds(t: JsonObject): Thresholds | null {
  if (!t.has('steps')) return null;
  const steps: ThresholdStep[] = t.objs('steps').map((s, i) => ({
    // JSON cannot hold -Infinity: Grafana saves the base step's value as null.
    value: i === 0 ? null : s.num('value'),
    color: s.str('color', 'green'),
  }));
  return { mode: t.str('mode') === 'percentage' ? 'percentage' : 'absolute', steps };
}

function readResult(r: unknown): MappingResult {
  const out: MappingResult = {};
  if (isRaw(r)) {
    if (typeof r.text === 'string' && r.text !== '') out.text = r.text;
    if (typeof r.color === 'string' && r.color !== '') out.color = r.color;
  }
  return out;
}

const SPECIAL = new Set(['null', 'nan', 'null+nan', 'true', 'false', 'empty']);

/**
 * Value mappings in either shape: 8.0+ (`{ type: 'value', options: {...} }`)
 * or 7.x (`{ type: 1, value, text }` / `{ type: 2, from, to, text }`), the
 * latter as DashboardMigrator's upgradeValueMappings turns them.
 */
export function readMappings(owner: JsonObject, key: string): ValueMapping[] {
  const out: ValueMapping[] = [];
  // 7.x value-to-text mappings, gathered into one value map put first as upgradeValueMappings does.
  const values: Record<string, MappingResult> = {};
  for (const m of owner.objs(key)) {
    const type = m.take('type');
    const o = m.obj('options');
    m.skip('id', 'operator', 'text', 'value', 'from', 'to');
    if (type === 'value') {
      out.push({ type: 'value', options: Object.fromEntries(Object.entries(o.raw).map(([k, v]) => [k, readResult(v)])) });
      o.skip(...Object.keys(o.raw));
    } else if (type === 'range') {
      out.push({ type: 'range', from: o.num('from'), to: o.num('to'), result: readResult(o.take('result')) });
    } else if (type === 'regex') {
      out.push({ type: 'regex', pattern: o.str('pattern'), result: readResult(o.take('result')) });
    } else if (type === 'special') {
      const match = o.str('match');
      if (SPECIAL.has(match)) out.push({ type: 'special', match: match as 'null', result: readResult(o.take('result')) });
      else m.note('unsupported', `special value mapping "${match}" is not supported and was left out`);
    } else if (type === 1 || type === '1') {
      const value = m.raw.value;
      const text = typeof m.raw.text === 'string' ? m.raw.text : '';
      if (value === 'null') out.push({ type: 'special', match: 'null', result: { text } });
      else if (value !== undefined && value !== null) values[String(value)] = { text };
    } else if (type === 2 || type === '2') {
      out.push({ type: 'range', from: toNumber(m.raw.from), to: toNumber(m.raw.to), result: { text: typeof m.raw.text === 'string' ? m.raw.text : '' } });
    } else {
      m.note('unsupported', `value mapping of type ${JSON.stringify(type)} is not supported and was left out`);
    }
    o.leftovers('mapping option', { type: null });
  }
  if (Object.keys(values).length > 0) out.unshift({ type: 'value', options: values });
  return out;
}

/** `fieldConfig.defaults` but `custom`, which belongs to each panel type and is read by it. */
export function readFieldDefaults(d: JsonObject): FieldConfig {
  const f = defaultFieldConfig();
  f.unit = d.str('unit');
  f.decimals = d.num('decimals');
  f.min = d.num('min');
  f.max = d.num('max');
  const th = readThresholds(d.obj('thresholds'));
  if (th) f.thresholds = th;
  f.mappings = readMappings(d, 'mappings');
  f.displayName = d.str('displayName');
  f.color = readColor(d.obj('color'));
  d.skip('custom', 'filterable');
  d.leftovers('field option', { links: [] });
  return f;
}

/** `color`: a fixed colour is kept; the classic palette and by-threshold colouring are Vigil's own defaults. */
function readColor(c: JsonObject): string {
  const mode = c.str('mode');
  const fixed = c.str('fixedColor');
  c.skip('seriesBy');
  if (mode === 'fixed' || mode === 'shades') return fixed;
  if (mode !== '' && mode !== 'palette-classic' && mode !== 'thresholds' && mode !== 'palette-classic-by-name') {
    c.note('changed', `colour scheme "${mode}" is drawn with the classic palette`);
  }
  return '';
}

/** Override properties Vigil draws; others are reported. */
const OVERRIDE_PROPERTIES = new Set([
  'unit',
  'decimals',
  'min',
  'max',
  'displayName',
  'color',
  'thresholds',
  'mappings',
  'custom.fillOpacity',
  'custom.lineWidth',
  'custom.drawStyle',
  'custom.pointSize',
  'custom.stacking',
]);

export function readOverrides(fc: JsonObject): FieldOverride[] {
  const out: FieldOverride[] = [];
  for (const o of fc.objs('overrides')) {
    const m = o.obj('matcher');
    const id = m.str('id');
    const options = m.take('options');
    if ((id !== 'byName' && id !== 'byRegexp') || typeof options !== 'string') {
      o.note('unsupported', `override matching fields ${id}${options === undefined ? '' : ` ${JSON.stringify(options)}`} is not supported and was left out`);
      continue;
    }
    const properties: FieldOverride['properties'] = [];
    for (const p of o.objs('properties')) {
      const pid = p.str('id');
      const value = p.take('value');
      if (!OVERRIDE_PROPERTIES.has(pid)) {
        p.note('unsupported', `override property "${pid}" for ${options} is not supported and was left out`);
        continue;
      }
      // Values stay in Grafana's shapes (`color` is `{ mode: 'fixed', fixedColor }`, `custom.stacking` is `{ mode }`).
      if (pid === 'color' && !(isRaw(value) && typeof value.fixedColor === 'string' && value.fixedColor !== '')) {
        p.note('changed', `override colour for ${options} without a fixed colour: the palette is used`);
      } else {
        properties.push({ id: pid, value });
      }
    }
    if (properties.length > 0) out.push({ matcher: { id, options }, properties });
  }
  return out;
}
