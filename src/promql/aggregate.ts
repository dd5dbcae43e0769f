// Aggregation operators over whole-grid vectors, as Prometheus's aggregation,
// aggregationK and aggregationCountValues: each input series feeds its group's
// accumulators at every step it has a sample.

import { isLegacyLabelName, Labels, METRIC_NAME, quote } from '../model/labels';
import type { AggregateExpr, PosRange } from './parser/ast';
import { Annotations } from './annotations';
import { QueryError } from './errors';
import { formatFloat, formatG } from '../model/goFloat';
import { kahanAddAt, kahanInc } from '../model/kahanSum';
import { sumOrAvgWithHistograms } from './histogramAggregate';
import { floatSamplesOnly } from './histogramValues';
import { hasInvalidUtf8 } from './parser/literals';
import { quantile } from './quantile';
import { inRatio } from './ratioSampler';
import { uint8Slab } from '../model/slab';
import { newStepSeries, type StepSeries, type Tick } from './value';

/** The group's labels: `by` keeps, `without` drops (and drops the name), as generateGroupingLabels. */
export function groupingLabels(l: Labels, grouping: readonly string[], without: boolean): Labels {
  if (without) return l.without(METRIC_NAME, ...grouping);
  return grouping.length > 0 ? l.keep(grouping) : Labels.EMPTY;
}

interface Groups {
  index: Int32Array;
  labels: Labels[];
}

async function groupSeries(input: StepSeries[], e: AggregateExpr, tick: Tick): Promise<Groups> {
  const byKey = new Map<string, number>();
  const labels: Labels[] = [];
  const index = new Int32Array(input.length);
  for (let k = 0; k < input.length; k++) {
    if ((k & 1023) === 1023) await tick();
    const g = groupingLabels(input[k].labels, e.grouping, e.without);
    const key = g.key();
    let gi = byKey.get(key);
    if (gi === undefined) {
      gi = labels.length;
      byKey.set(key, gi);
      labels.push(g);
    }
    index[k] = gi;
  }
  return { index, labels };
}

function quantileWarnings(param: Float64Array, annos: Annotations, at: PosRange | undefined): void {
  let min = Infinity;
  let max = -Infinity;
  let nan = false;
  for (const q of param) {
    if (Number.isNaN(q)) nan = true;
    else {
      min = Math.min(min, q);
      max = Math.max(max, q);
    }
  }
  if (nan) annos.warn(`quantile value should be between 0 and 1, got NaN`, at);
  if (max > 1) annos.warn(`quantile value should be between 0 and 1, got ${formatG(max)}`, at);
  if (min < 0) annos.warn(`quantile value should be between 0 and 1, got ${formatG(min)}`, at);
}

/** Aggregations that skip histogram samples, each skip noted by an info. */
const IGNORES_HISTOGRAMS: ReadonlySet<AggregateExpr['op']> = new Set(['min', 'max', 'stddev', 'stdvar', 'quantile', 'topk', 'bottomk']);

/** The input with its histogram samples left out, and the info saying so when there were any. */
function withoutHistograms(input: StepSeries[], op: string, annos: Annotations, at: PosRange): StepSeries[] {
  const { series, dropped } = floatSamplesOnly(input);
  if (dropped) annos.info(`ignored histogram in ${op} aggregation`, at);
  return series;
}

/** `tick` hands the thread back now and then: one aggregation can cover a million series. */
export async function aggregate(
  e: AggregateExpr,
  input: StepSeries[],
  param: Float64Array | string | undefined,
  n: number,
  annos: Annotations,
  tick: Tick,
): Promise<StepSeries[]> {
  if (input.some((s) => s.hs !== undefined)) {
    if (IGNORES_HISTOGRAMS.has(e.op)) input = withoutHistograms(input, e.op, annos, e.op === 'topk' || e.op === 'bottomk' ? e.pos : e.expr.pos);
    else if (e.op === 'sum' || e.op === 'avg') return sumOrAvgWithHistograms(e.op, input, await groupSeries(input, e, tick), n, annos, e.expr.pos);
  }
  switch (e.op) {
    case 'topk':
    case 'bottomk':
    case 'limitk':
    case 'limit_ratio':
      return aggregateK(e, input, param as Float64Array, n, annos, tick);
  }
  const fold = seriesFold(e, param, n, annos);
  for (let k = 0; k < input.length; k++) {
    if ((k & 1023) === 1023) await tick();
    fold.add(input[k]);
  }
  return fold.finish();
}

/** An aggregation fed one float series at a time, in input order. */
export interface SeriesFold {
  add(s: StepSeries): void;
  finish(): StepSeries[];
}

/** Whether an operator folds its input one series at a time (all but the k and ratio ones), so the input need never be held whole. */
export function foldsSeries(op: AggregateExpr['op']): boolean {
  return op !== 'topk' && op !== 'bottomk' && op !== 'limitk' && op !== 'limit_ratio';
}

/** The fold of an operator foldsSeries accepts; throws on a bad count_values label. */
export function seriesFold(e: AggregateExpr, param: Float64Array | string | undefined, n: number, annos: Annotations): SeriesFold {
  if (e.op === 'count_values') return new CountValues(e, param as string, n);
  if (e.op === 'quantile') quantileWarnings(param as Float64Array, annos, e.param?.pos);
  return new Aggregation(e, param as Float64Array | undefined, n);
}

/**
 * The operators that fold each series into its group's accumulators at
 * every step it has a sample (sum, avg, count, group, min, max, stddev,
 * stdvar, quantile), fed one series at a time in input order, so a query can
 * hand it series as it makes them and keep none. Float input only: sum and
 * avg over histograms go through sumOrAvgWithHistograms.
 */
class Aggregation implements SeriesFold {
  private readonly byKey = new Map<string, number>();
  private readonly groupLabels: Labels[] = [];
  private dropName = new Uint8Array(0);
  // Per group and step (at = group * n + step); they grow as groups appear.
  private count = new Float64Array(0);
  private value = new Float64Array(0);
  private comp = new Float64Array(0);
  private mean = new Float64Array(0);
  private incremental = new Uint8Array(0);
  private readonly heaps: number[][] = [];

  constructor(
    private readonly e: AggregateExpr,
    private readonly param: Float64Array | undefined,
    private readonly n: number,
  ) {}

  private group(s: StepSeries): number {
    const labels = groupingLabels(s.labels, this.e.grouping, this.e.without);
    const key = labels.key();
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const g = this.groupLabels.length;
    this.byKey.set(key, g);
    this.groupLabels.push(labels);
    if (g >= this.dropName.length) this.grow(Math.max(4, g * 2));
    return g;
  }

  private grow(groups: number): void {
    const size = groups * this.n;
    const f64 = (old: Float64Array) => {
      const a = new Float64Array(size);
      a.set(old);
      return a;
    };
    this.count = f64(this.count);
    this.value = f64(this.value);
    this.comp = f64(this.comp);
    this.mean = f64(this.mean);
    const inc = new Uint8Array(size);
    inc.set(this.incremental);
    this.incremental = inc;
    const drop = new Uint8Array(groups);
    drop.set(this.dropName);
    this.dropName = drop;
  }

  add(s: StepSeries): void {
    const { e, n } = this;
    const g = this.group(s);
    if (s.dropName) this.dropName[g] = 1;
    const base = g * n;
    const { count, value, comp, mean, incremental, heaps } = this;
    if (addSimple(e.op, s, base, n, count, value, comp)) return;
    for (let i = 0; i < n; i++) {
      if (!s.has[i]) continue;
      const f = s.vals[i];
      const at = base + i;
      if (count[at] === 0) {
        count[at] = 1;
        value[at] = f;
        mean[at] = f;
        switch (e.op) {
          case 'stddev':
          case 'stdvar':
            value[at] = Number.isFinite(f) ? 0 : NaN;
            break;
          case 'quantile':
            heaps[at] = [f];
            break;
        }
        continue;
      }
      switch (e.op) {
        case 'avg': {
          const c = ++count[at];
          if (!incremental[at]) {
            const [nv, nc] = kahanInc(f, value[at], comp[at]);
            // Direct mean while the running sum stays finite, then incremental (aggregation AVG).
            if (nv !== Infinity && nv !== -Infinity) {
              value[at] = nv;
              comp[at] = nc;
              break;
            }
            incremental[at] = 1;
            mean[at] = value[at] / (c - 1);
            comp[at] /= c - 1;
          }
          const q = (c - 1) / c;
          [mean[at], comp[at]] = kahanInc(f / c, q * mean[at], q * comp[at]);
          break;
        }
        case 'stddev':
        case 'stdvar': {
          const c = ++count[at];
          const delta = f - mean[at];
          mean[at] += delta / c;
          value[at] += delta * (f - mean[at]);
          break;
        }
        case 'quantile':
          heaps[at].push(f);
          break;
      }
    }
  }

  /** The groups' series, in the order their first input series came. */
  finish(): StepSeries[] {
    const { e, n, count, value, comp, mean, incremental, heaps } = this;
    const out: StepSeries[] = [];
    for (let g = 0; g < this.groupLabels.length; g++) {
      const s = newStepSeries(this.groupLabels[g], n, this.dropName[g] === 1);
      let any = false;
      for (let i = 0; i < n; i++) {
        const at = g * n + i;
        const c = count[at];
        if (c === 0) continue;
        any = true;
        s.has[i] = 1;
        switch (e.op) {
          case 'sum':
            s.vals[i] = value[at] + comp[at];
            break;
          case 'avg':
            s.vals[i] = incremental[at] ? mean[at] + comp[at] : value[at] / c + comp[at] / c;
            break;
          case 'count':
            s.vals[i] = c;
            break;
          case 'stdvar':
            s.vals[i] = value[at] / c;
            break;
          case 'stddev':
            s.vals[i] = Math.sqrt(value[at] / c);
            break;
          case 'quantile':
            s.vals[i] = quantile(this.param![i], heaps[at]);
            break;
          default:
            s.vals[i] = value[at];
        }
      }
      if (any) out.push(s);
    }
    return out;
  }
}

/**
 * One series into its group's accumulators for the operators that need no
 * more than a count and a value, one tight loop per operator (the per-sample
 * switch showed in profiles). False for the others.
 */
function addSimple(op: AggregateExpr['op'], s: StepSeries, base: number, n: number, count: Float64Array, value: Float64Array, comp: Float64Array): boolean {
  const { has, vals } = s;
  switch (op) {
    case 'sum':
      for (let i = 0; i < n; i++) {
        if (!has[i]) continue;
        const at = base + i;
        if (count[at]++ === 0) value[at] = vals[i];
        else kahanAddAt(value, comp, at, vals[i]);
      }
      return true;
    case 'count':
    case 'group':
      for (let i = 0; i < n; i++) if (has[i]) count[base + i]++;
      if (op === 'group') for (let i = 0; i < n; i++) if (has[i]) value[base + i] = 1;
      return true;
    case 'max':
    case 'min':
      for (let i = 0; i < n; i++) {
        if (!has[i]) continue;
        const at = base + i;
        const f = vals[i];
        // NaN gives way to any later value (aggregation MAX/MIN).
        if (count[at]++ === 0 || Number.isNaN(value[at]) || (op === 'max' ? value[at] < f : value[at] > f)) value[at] = f;
      }
      return true;
    default:
      return false;
  }
}

async function aggregateK(e: AggregateExpr, input: StepSeries[], param: Float64Array, n: number, annos: Annotations, tick: Tick): Promise<StepSeries[]> {
  let max = -Infinity;
  let min = Infinity;
  let nan = false;
  for (const p of param) {
    if (Number.isNaN(p)) nan = true;
    max = Math.max(max, p);
    min = Math.min(min, p);
  }
  if (e.op === 'limit_ratio') {
    if (max === 0 && min === 0) return [];
    if (nan) throw new QueryError('execution', 'Ratio value is NaN');
    if (max > 1) annos.warn(`ratio value should be between -1 and 1, got ${formatG(max)}, capping to 1`, e.param?.pos);
    if (min < -1) annos.warn(`ratio value should be between -1 and 1, got ${formatG(min)}, capping to -1`, e.param?.pos);
  } else {
    if (max < 1) return [];
    if (nan) throw new QueryError('execution', 'Parameter value is NaN');
    if (min <= -(2 ** 63)) throw new QueryError('execution', `Scalar value ${formatG(min)} underflows int64`);
    if (max >= 2 ** 63) throw new QueryError('execution', `Scalar value ${formatG(max)} overflows int64`);
  }
  const groups = await groupSeries(input, e, tick);
  const masks = input.map(() => uint8Slab.take(n));
  const order: number[][] = n === 1 ? groups.labels.map(() => []) : [];
  const members: number[][] = groups.labels.map(() => []);
  input.forEach((_, k) => members[groups.index[k]].push(k));

  // Reused across steps and groups: topk over many series at many steps allocated per step before.
  const chosen: number[] = [];
  for (let i = 0; i < n; i++) {
    await tick();
    const p = param[i];
    for (let g = 0; g < members.length; g++) {
      chosen.length = 0;
      if (e.op === 'limit_ratio') {
        const r = Math.max(-1, Math.min(1, p));
        if (p !== 0) for (const k of members[g]) if (input[k].has[i] && inRatio(input[k].labels.flat(), r)) chosen.push(k);
      } else {
        const k = Math.min(Math.trunc(p), input.length);
        if (k >= 1 && e.op === 'limitk') {
          for (const m of members[g]) if (input[m].has[i] && chosen.length < k) chosen.push(m);
        } else if (k >= 1) {
          bestK(input, members[g], i, k, e.op === 'topk', chosen);
        }
      }
      for (const k of chosen) masks[k][i] = 1;
      if (n === 1) order[g].push(...chosen);
    }
  }
  if (n === 1) {
    // An instant query lists each group's picks in rank order, as Prometheus does.
    return order.flat().map((k) => ({ ...input[k], has: masks[k] }));
  }
  const out: StepSeries[] = [];
  input.forEach((s, k) => {
    if (masks[k].indexOf(1) >= 0) out.push({ ...s, has: masks[k] });
  });
  return out;
}

/** Fills `out` with the k best series present at step i, best first; NaN ranks last either way (vectorByValueHeap). */
function bestK(input: StepSeries[], members: number[], i: number, k: number, desc: boolean, out: number[]): void {
  for (const idx of members) {
    if (!input[idx].has[i]) continue;
    const v = input[idx].vals[i];
    if (out.length === k && !ranksBefore(v, input[out[k - 1]].vals[i], desc)) continue;
    let at = out.length === k ? k - 1 : out.length;
    while (at > 0 && ranksBefore(v, input[out[at - 1]].vals[i], desc)) at--;
    out.splice(at, 0, idx);
    if (out.length > k) out.pop();
  }
}

/** Whether a ranks before b in topk (desc) or bottomk; NaN ranks last either way. A plain function, not a closure per call: bestK runs once per step and group. */
function ranksBefore(a: number, b: number, desc: boolean): boolean {
  if (Number.isNaN(b)) return !Number.isNaN(a);
  return desc ? a > b : a < b;
}

/** count_values, fed one series at a time as Aggregation is. */
class CountValues implements SeriesFold {
  private readonly out = new Map<string, StepSeries>();
  // Per grouping, the output series of each value seen, so labels are built
  // once per distinct value rather than per sample. Map keys cannot tell -0
  // from 0, which print apart, so -0 has a key of its own.
  private readonly byGroup = new Map<string, Map<number | string, StepSeries>>();

  constructor(
    private readonly e: AggregateExpr,
    private readonly label: string,
    private readonly n: number,
  ) {
    if (label === '' || (!isLegacyLabelName(label) && hasInvalidUtf8(label))) {
      throw new QueryError('execution', `invalid label name ${quote(label)}`);
    }
  }

  add(s: StepSeries): void {
    const base = groupingLabels(s.labels, this.e.grouping, this.e.without);
    const baseKey = base.key();
    let byValue = this.byGroup.get(baseKey);
    if (!byValue) this.byGroup.set(baseKey, (byValue = new Map()));
    for (let i = 0; i < this.n; i++) {
      if (!s.has[i]) continue;
      const v = s.vals[i];
      // A histogram counts by its text form (FloatHistogram.String).
      const h = s.hs?.[i]?.toString();
      const vk = h !== undefined ? `h${h}` : v === 0 && 1 / v < 0 ? '-0' : v;
      let o = byValue.get(vk);
      if (!o) {
        // Two groupings can meet once the label is set (count_values("le", x) by (le)), so the output is keyed by the final labels.
        const l = base.builder().set(this.label, h ?? formatFloat(v)).labels();
        const key = l.key();
        o = this.out.get(key);
        if (!o) this.out.set(key, (o = newStepSeries(l, this.n)));
        byValue.set(vk, o);
      }
      o.vals[i] += 1;
      o.has[i] = 1;
    }
  }

  finish(): StepSeries[] {
    return [...this.out.values()];
  }
}
