// How a series' values are shown on a panel, as Grafana's field display
// works: reduce a series to one value (reduceField / doStandardCalcs),
// resolve overrides into the series' own field config, then map the value
// (getValueMappingResult), colour it by thresholds (getActiveThreshold) and
// format it in its unit (getDisplayProcessor).

import { seriesLabelsText } from './legend';
import type { FieldConfig, FieldOverride, MappingResult, Reducer, ThresholdStep, Thresholds, ValueMapping } from './model';
import { formatValue, type FormattedValue, type UnitTimeZone } from './units';

export const REDUCERS: readonly { id: Reducer; name: string }[] = [
  { id: 'lastNotNull', name: 'Last *' },
  { id: 'last', name: 'Last' },
  { id: 'firstNotNull', name: 'First *' },
  { id: 'first', name: 'First' },
  { id: 'mean', name: 'Mean' },
  { id: 'max', name: 'Max' },
  { id: 'min', name: 'Min' },
  { id: 'sum', name: 'Total' },
  { id: 'count', name: 'Count' },
  { id: 'range', name: 'Range' },
  { id: 'delta', name: 'Delta' },
];

/**
 * One value of a series by Grafana's standard calculations. A range result
 * holds NaN where a series has no sample at a step, which is Grafana's null
 * (a missing point): skipped by every reducer but `first` and `last`, which
 * answer null there. null also answers when nothing is left to reduce.
 * `delta` adds the rises and, after a fall (a counter reset), the new value.
 */
export function reduce(values: ArrayLike<number>, reducer: Reducer): number | null {
  const n = values.length;
  if (reducer === 'first') return n > 0 && !Number.isNaN(values[0]) ? values[0] : null;
  if (reducer === 'last') return n > 0 && !Number.isNaN(values[n - 1]) ? values[n - 1] : null;
  let count = 0;
  let sum = 0;
  let max = -Infinity;
  let min = Infinity;
  let first: number | null = null;
  let last: number | null = null;
  let delta = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (last !== null) delta += v >= last ? v - last : v;
    if (first === null) first = v;
    last = v;
    count++;
    sum += v;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  if (reducer === 'count') return count;
  if (count === 0) return null;
  switch (reducer) {
    case 'firstNotNull':
      return first;
    case 'lastNotNull':
      return last;
    case 'mean':
      return sum / count;
    case 'max':
      return max;
    case 'min':
      return min;
    case 'sum':
      return sum;
    case 'range':
      return max - min;
    case 'delta':
      return delta;
  }
}

// Grafana's visualization palette (createVisualizationColors.ts): each hue in
// five shades, the plain name being the primary shade.
const HUES: Record<string, [string, string, string, string, string]> = {
  red: ['#FFA6B0', '#FF7383', '#F2495C', '#E02F44', '#C4162A'],
  orange: ['#FFCB7D', '#FFB357', '#FF9830', '#FF780A', '#FA6400'],
  yellow: ['#FFF899', '#FFEE52', '#FADE2A', '#F2CC0C', '#E0B400'],
  green: ['#C8F2C2', '#96D98D', '#73BF69', '#56A64B', '#37872D'],
  blue: ['#C0D8FF', '#8AB8FF', '#5794F2', '#3274D9', '#1F60C4'],
  purple: ['#DEB6F2', '#CA95E5', '#B877D9', '#A352CC', '#8F3BB8'],
};
const SHADES = ['super-light-', 'light-', '', 'semi-dark-', 'dark-'];
const NAMED_COLORS = new Map<string, string>(
  Object.entries(HUES).flatMap(([hue, shades]) => shades.map((hex, i): [string, string] => [`${SHADES[i]}${hue}`, hex])),
);

/** A Grafana colour name ('green', 'semi-dark-red', 'transparent'), or any CSS colour, as CSS. */
export function cssColor(color: string): string {
  const named = NAMED_COLORS.get(color.trim().toLowerCase());
  if (named) return named;
  if (color === 'text') return 'currentColor';
  // Anything else is used only if it is a plain colour token: hex, rgb()/hsl() or a word.
  return /^(#[0-9a-f]{3,8}|(rgba?|hsla?)\([\d\s.,%/]+\)|[a-z]+)$/i.test(color.trim()) ? color.trim() : '';
}

// Grafana's classic palette (colors.ts), which its "palette-classic" colour
// mode deals out to series in order.
const CLASSIC_PALETTE = [
  '#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A6', '#705DA0',
  '#508642', '#CCA300', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477',
  '#B7DBAB', '#F4D598', '#70DBED', '#F9BA8F', '#F29191', '#82B5D8', '#E5A8E2', '#AEA2E0',
  '#629E51', '#E5AC0E', '#64B0C8', '#E0752D', '#BF1B00', '#0A50A1', '#962D82', '#614D93',
];

/** The colour of the index-th series of a panel, where its config sets none. */
export function paletteColor(index: number): string {
  return CLASSIC_PALETTE[((index % CLASSIC_PALETTE.length) + CLASSIC_PALETTE.length) % CLASSIC_PALETTE.length];
}

/** The step a value falls in: the last whose value it reaches (getActiveThreshold). Percentage steps are of min..max. */
export function activeThreshold(value: number, thresholds: Thresholds, min: number, max: number): ThresholdStep | null {
  const steps = thresholds.steps;
  if (steps.length === 0) return null;
  const v = thresholds.mode === 'percentage' ? ((value - min) / (max - min)) * 100 : value;
  let active = steps[0];
  for (const step of steps) {
    if (step.value === null || v >= step.value) active = step;
    else break;
  }
  return active;
}

/** The steps with their values in the field's units: percentages turned into values of min..max. */
export function thresholdValues(thresholds: Thresholds, min: number, max: number): { value: number; color: string }[] {
  return thresholds.steps.map((s) => {
    const raw = s.value ?? -Infinity;
    return { value: thresholds.mode === 'percentage' ? min + ((max - min) * raw) / 100 : raw, color: cssColor(s.color) };
  });
}

/** Grafana's stringToJsRegex: `/re/flags` as written, else the whole value must match. */
export function toRegExp(pattern: string): RegExp | null {
  try {
    const m = /^\/(.*)\/([gimsuy]*)$/.exec(pattern);
    return m ? new RegExp(m[1], m[2]) : new RegExp(`^${pattern}$`);
  } catch {
    return null;
  }
}

/** The first mapping that takes the value (getValueMappingResult); a regex mapping's text may use its groups. */
export function mapValue(value: number | null, mappings: readonly ValueMapping[]): MappingResult | null {
  for (const m of mappings) {
    switch (m.type) {
      case 'value': {
        if (value === null) break;
        const hit = m.options[String(value)];
        if (hit) return hit;
        break;
      }
      case 'range': {
        if (value === null || Number.isNaN(value)) break;
        if (value >= (m.from ?? -Infinity) && value <= (m.to ?? Infinity)) return m.result;
        break;
      }
      case 'regex': {
        if (value === null) break;
        const re = toRegExp(m.pattern);
        const text = String(value);
        if (re && re.test(text)) return m.result.text === undefined ? m.result : { ...m.result, text: text.replace(re, m.result.text) };
        break;
      }
      case 'special': {
        const isNull = value === null;
        const isNaN = value !== null && Number.isNaN(value);
        const hit =
          (m.match === 'null' && isNull) ||
          (m.match === 'nan' && isNaN) ||
          (m.match === 'null+nan' && (isNull || isNaN)) ||
          (m.match === 'true' && value === 1) ||
          (m.match === 'false' && value === 0);
        if (hit) return m.result;
        break;
      }
    }
  }
  return null;
}

/** A series' own field config after the overrides that match its name, and the `custom.*` properties they set. */
export interface SeriesField {
  config: FieldConfig;
  custom: Record<string, unknown>;
}

/** Applies the overrides matching `name` in order, later ones winning, as Grafana's applyFieldOverrides. */
export function resolveField(defaults: FieldConfig, overrides: readonly FieldOverride[], name: string): SeriesField {
  const config: FieldConfig = { ...defaults };
  const custom: Record<string, unknown> = {};
  for (const o of overrides) {
    const matches = o.matcher.id === 'byName' ? o.matcher.options === name : (toRegExp(o.matcher.options)?.test(name) ?? false);
    if (!matches) continue;
    for (const { id, value } of o.properties) {
      if (id.startsWith('custom.')) custom[id.slice('custom.'.length)] = value;
      else applyProperty(config, id, value);
    }
  }
  return { config, custom };
}

function applyProperty(config: FieldConfig, id: string, value: unknown): void {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  switch (id) {
    case 'unit':
    case 'displayName':
      if (typeof value === 'string') config[id] = value;
      break;
    case 'decimals':
    case 'min':
    case 'max':
      config[id] = num(value);
      break;
    case 'color': {
      // Grafana's { mode: 'fixed', fixedColor } (other modes keep the palette).
      const c = value as { mode?: unknown; fixedColor?: unknown } | null;
      if (c && c.mode === 'fixed' && typeof c.fixedColor === 'string') config.color = c.fixedColor;
      break;
    }
    case 'thresholds':
      if (value && typeof value === 'object' && Array.isArray((value as Thresholds).steps)) config.thresholds = value as Thresholds;
      break;
    case 'mappings':
      if (Array.isArray(value)) config.mappings = value as ValueMapping[];
      break;
  }
}

/**
 * The series' name where it is shown: its displayName with `${__field.labels.x}`,
 * `${__field.labels}`, `${__field.name}` and `{{x}}` filled in, else `fallback`
 * (the legend-format name).
 */
export function displayName(config: FieldConfig, labels: Record<string, string>, fallback: string): string {
  if (!config.displayName) return fallback;
  return config.displayName
    .replace(/\$\{__field\.labels\.([^}]+)\}/g, (_m, k: string) => (Object.hasOwn(labels, k) ? labels[k] : ''))
    .replace(/\$\{__field\.labels\}/g, () => seriesLabelsText({ ...labels, __name__: '' }))
    .replace(/\$\{__field\.(display)?[nN]ame\}/g, () => fallback)
    .replace(/\{\{\s*(.+?)\s*\}\}/g, (_m, k: string) => (Object.hasOwn(labels, k) ? labels[k] : ''));
}

export interface DisplayValue extends FormattedValue {
  /** The value itself (null for none). */
  numeric: number | null;
  /** CSS colour: a mapping's, else the field's fixed colour, else the threshold step's. */
  color: string;
  /** Where the value sits between min and max, 0..1, for gauges. */
  percent: number;
}

/** A value as shown: mapped, coloured and formatted (Grafana's getDisplayProcessor). `min`/`max` are the field's range. */
export function displayValue(value: number | null, config: FieldConfig, min: number, max: number, timeZone: UnitTimeZone = 'browser'): DisplayValue {
  const mapped = mapValue(value, config.mappings);
  const step = value === null || Number.isNaN(value) ? null : activeThreshold(value, config.thresholds, min, max);
  // A fixed colour (Grafana's color mode "fixed") wins over the thresholds; a mapping's over both.
  const color = cssColor(mapped?.color ?? '') || cssColor(config.color) || cssColor(step?.color ?? config.thresholds.steps[0]?.color ?? '') || cssColor('green');
  const formatted = value === null ? { text: '', prefix: '', suffix: '' } : formatValue(value, config.unit, config.decimals, timeZone);
  const text = mapped?.text !== undefined && mapped.text !== '' ? { text: mapped.text, prefix: '', suffix: '' } : formatted;
  const percent = value === null || !(max > min) ? 0 : Math.min(1, Math.max(0, (value - min) / (max - min)));
  return { ...text, numeric: value, color, percent };
}

/**
 * The range a gauge or percentage thresholds measure against: the config's
 * min and max when set, else the data's (Grafana's getMinMaxAndDelta), else 0..100.
 */
export function fieldRange(config: FieldConfig, values: readonly number[]): { min: number; max: number } {
  const finite = values.filter(Number.isFinite);
  let min = config.min ?? (finite.length ? Math.min(...finite) : 0);
  let max = config.max ?? (finite.length ? Math.max(...finite) : 100);
  // One value alone is no range: measure it from zero, or give it one unit.
  if (max <= min) {
    if (config.min === null) min = Math.min(0, max);
    if (max <= min) max = min + 1;
  }
  return { min, max };
}
