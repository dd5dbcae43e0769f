// Units for graph axes and hover values: which unit a metric is in (its UNIT
// metadata, else its name's suffix, as Prometheus naming conventions put it
// there) and how a number in that unit reads (512 KiB, 1.5 s, 42%).
import { parser } from '@prometheus-io/lezer-promql';

interface Step {
  factor: number;
  suffix: string;
}

interface Scale {
  steps: Step[];
  /** Multiplies raw values first (a ratio reads as a percentage). */
  multiplier?: number;
}

const SI_PREFIXES: [number, string][] = [
  [1e-9, 'n'], [1e-6, 'µ'], [1e-3, 'm'], [1, ''], [1e3, 'k'], [1e6, 'M'], [1e9, 'G'], [1e12, 'T'], [1e15, 'P'],
];

function si(symbol: string): Scale {
  const space = symbol ? ' ' : '';
  return { steps: SI_PREFIXES.map(([factor, prefix]) => ({ factor, suffix: prefix || symbol ? `${space}${prefix}${symbol}` : '' })) };
}

const DURATION: Step[] = [
  { factor: 1e-9, suffix: ' ns' },
  { factor: 1e-6, suffix: ' µs' },
  { factor: 1e-3, suffix: ' ms' },
  { factor: 1, suffix: ' s' },
  { factor: 60, suffix: ' min' },
  { factor: 3600, suffix: ' h' },
  { factor: 86400, suffix: ' d' },
];

const IEC: Step[] = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'].map((suffix, i) => ({ factor: 1024 ** i, suffix: ` ${suffix}` }));

// Prometheus base units (https://prometheus.io/docs/practices/naming/#base-units)
// and the few non-base ones exporters commonly use.
const SCALES: Record<string, Scale> = {
  '': si(''),
  seconds: { steps: DURATION },
  milliseconds: { steps: DURATION, multiplier: 1e-3 },
  bytes: { steps: IEC },
  bits: si('b'),
  ratio: { steps: [{ factor: 1, suffix: '%' }], multiplier: 100 },
  percent: { steps: [{ factor: 1, suffix: '%' }] },
  celsius: { steps: [{ factor: 1, suffix: ' °C' }] },
  volts: si('V'),
  amperes: si('A'),
  joules: si('J'),
  watts: si('W'),
  meters: si('m'),
  grams: si('g'),
  hertz: si('Hz'),
};

const SUFFIX_ALIASES: Record<string, string> = { ms: 'milliseconds', percentage: 'percent' };

/** Units this module formats; anything else is formatted as a plain number. */
export const KNOWN_UNITS = Object.keys(SCALES).filter(Boolean);

/**
 * The unit of a metric: its UNIT metadata when known, else the unit suffix of
 * its name. A counter's `_total` and a summary's `_sum` keep the unit of what
 * they add up; `_count` and `_bucket` count observations, so have none.
 */
export function unitOf(metricName: string | undefined, metaUnit = ''): string {
  const meta = normalise(metaUnit);
  if (meta && meta in SCALES) return meta;
  if (!metricName || /_(count|bucket)$/.test(metricName)) return '';
  const base = metricName.replace(/_(total|sum)$/, '');
  const suffix = /_([a-z]+)$/.exec(base)?.[1] ?? '';
  const unit = normalise(suffix);
  return unit && unit in SCALES ? unit : '';
}

/**
 * The unit of an expression's result: the one unit its metric names agree on,
 * or '' when they have none or disagree. A guess for the axis; operators such
 * as count() change units and are not followed.
 */
export function unitOfExpression(expr: string): string {
  const units = new Set<string>();
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name !== 'Identifier' || node.node.parent?.name !== 'VectorSelector') return;
      const unit = unitOf(expr.slice(node.from, node.to));
      if (unit) units.add(unit);
      return false;
    },
  });
  return units.size === 1 ? [...units][0] : '';
}

function normalise(unit: string): string {
  const lower = unit.toLowerCase();
  return SUFFIX_ALIASES[lower] ?? lower;
}

/** One value with its unit, to four significant digits, as hover values show it. */
export function formatValue(value: number, unit = ''): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  const scale = SCALES[unit] ?? SCALES[''];
  const v = value * (scale.multiplier ?? 1);
  const step = stepFor(Math.abs(v), scale.steps);
  return `${trimNumber((v / step.factor).toPrecision(4))}${step.suffix}`;
}

/**
 * Axis tick labels: one prefix for the whole axis (chosen by the largest
 * tick) and as many decimals as the tick spacing needs, so neighbouring
 * labels never read the same.
 */
export function formatTicks(ticks: readonly (number | null)[], unit = ''): string[] {
  const scale = SCALES[unit] ?? SCALES[''];
  const mult = scale.multiplier ?? 1;
  // uPlot passes null for ticks it wants unlabelled (crowded log axes).
  const scaled = ticks.map((t) => (t === null ? NaN : t * mult));
  const largest = scaled.reduce((max, t) => (Number.isFinite(t) ? Math.max(max, Math.abs(t)) : max), 0);
  const step = stepFor(largest, scale.steps);
  const values = scaled.map((t) => t / step.factor);
  const decimals = decimalsFor(values);
  return values.map((v) => (Number.isFinite(v) ? `${fixed(v, decimals)}${step.suffix}` : ''));
}

function stepFor(abs: number, steps: Step[]): Step {
  if (abs === 0) return steps.find((s) => s.factor === 1) ?? steps[0];
  let chosen = steps[0];
  for (const s of steps) if (s.factor <= abs * (1 + 1e-12)) chosen = s;
  return chosen;
}

const MAX_DECIMALS = 6;

/**
 * As few decimals as show every tick exactly, up to two significant digits of
 * the spacing between ticks; past that (decimal ticks in binary units read
 * 2.384186 MiB) the spacing's two digits, more only while neighbouring labels
 * would read the same.
 */
function decimalsFor(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  let spacing = Infinity;
  for (let k = 1; k < finite.length; k++) if (finite[k] !== finite[k - 1]) spacing = Math.min(spacing, Math.abs(finite[k] - finite[k - 1]));
  const enough = Number.isFinite(spacing) ? Math.min(MAX_DECIMALS, Math.max(0, Math.ceil(-Math.log10(spacing) - 1e-9) + 1)) : MAX_DECIMALS;
  for (let d = 0; d <= enough; d++) {
    const p = 10 ** d;
    if (finite.every((v) => Math.abs(Math.round(v * p) / p - v) <= 1e-9 * Math.max(1, Math.abs(v)))) return d;
  }
  let d = enough;
  while (d < MAX_DECIMALS && new Set(finite.map((v) => v.toFixed(d))).size < new Set(finite).size) d++;
  return d;
}

function fixed(v: number, decimals: number): string {
  const s = v.toFixed(decimals);
  // -0.0 reads as a glitch on an axis.
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

function trimNumber(s: string): string {
  if (s.includes('e')) return s.replace(/\.?0+e/, 'e');
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
