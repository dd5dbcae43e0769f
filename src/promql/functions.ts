// How each PromQL function evaluates, keyed by the name parser/functions.ts
// lists its signature under, as promql/functions.go's FunctionCalls. Each entry
// receives the evaluator's CallEnv and the call node, and evaluates the
// arguments it needs: the evaluator dispatches every call through this table.

import { compareLabels, Labels, METRIC_NAME } from '../model/labels';
import { histogramFraction, histogramQuantile, histogramQuantiles } from './classicHistogram';
import { dateFunctions, dateOf, elementFunctions, type DateFn, type ElementFn } from './elementFunctions';
import type { Annotations } from './annotations';
import { QueryError } from './errors';
import { PointMeter } from './pointMeter';
import type { CallEnv, FunctionCall } from './evalContext';
import { formatG } from '../model/goFloat';
import { histogramFunctions } from './histogramFunctions';
import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { histogramAvgOverTime, histogramSumOverTime } from './histogramOverTime';
import { histogramExtendedRate } from './histogramExtended';
import { histogramExtrapolatedRate, histogramInstantValue, type RateNote } from './histogramRate';
import { floatSamplesOnly } from './histogramValues';
import { combineWithInfo, infoPlan } from './info';
import { FLOAT_SAMPLES_ONLY, FloatPart, ignoredHistogramsInfo, mixedResetsOrChanges } from './mixedRanges';
import { labelJoin, labelReplace, naturalLess } from './labelFunctions';
import { unwrapParens, type Call, type Expr, type PosRange } from './parser/ast';
import { rangeFunctions, type Window } from './rangeFunctions';
import { nextStartTimeOverlaps, slidingFunctions, stepWriter, type SeriesRangeFn } from './slidingFunctions';
import { gridTime, newStepSeries, type Grid, type MatrixValue, type RangeSamples, type StepSeries, type Value } from './value';
import { windowBounds } from './windowBounds';

/** Functions the extended range selectors may feed (AnchoredSafeFunctions, SmoothedSafeFunctions). */
const EXTENDED_SAFE = {
  anchored: ['changes', 'delta', 'increase', 'rate', 'resets'],
  smoothed: ['delta', 'increase', 'rate'],
};

/**
 * A range function: its matrix argument slid over each step, the other
 * arguments scalars; `fnFor` gives each series a step writer that may keep
 * state across the series' steps.
 */
function rangeCall(fnFor: SeriesRangeFn, keepName: boolean): RangeStream {
  return async (env: CallEnv, e: Call, g: Grid, sink: (s: StepSeries) => void): Promise<void> => {
    const ctx = env.ctx;
    const name = e.func.name;
    const mi = e.func.argTypes.indexOf('matrix');
    const params: Float64Array[] = [];
    for (let k = 0; k < e.args.length; k++) if (k !== mi) params.push(await env.scalarArg(e.args[k], g));
    const m = await env.matrix(e.args[mi], g);
    if (m.mode) {
      const safe = EXTENDED_SAFE[m.mode];
      if (!safe.includes(name)) throw new QueryError('execution', `${m.mode} modifier can only be used with: ${safe.join(', ')} - not with ${name}`);
    }
    const before = m.mode ? ctx.lookbackDelta : 0;
    const after = m.mode === 'smoothed' ? ctx.lookbackDelta : 0;
    // Parameters are judged only when some series has samples, as when a select left out the empty ones.
    let judged = false;
    const judgeParams = () => {
      judged = true;
      if (name === 'quantile_over_time') {
        for (const q of params[0]) if (Number.isNaN(q) || q < 0 || q > 1) ctx.annos.warn(`quantile value should be between 0 and 1, got ${formatG(q)}`, e.args[0].pos);
      }
      if (name === 'double_exponential_smoothing') {
        const [sf, tf] = [params[0][0], params[1][0]];
        if (!(sf > 0 && sf < 1)) throw new QueryError('execution', `invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
        if (!(tf > 0 && tf < 1)) throw new QueryError('execution', `invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
      }
    };
    const floatsOnly = FLOAT_SAMPLES_ONLY.has(name);
    const meter = new PointMeter(ctx.maxSamples);
    const p: number[] = new Array(params.length);
    // Every step's window bounds over the series at hand, filled before its steps run.
    const los = new Int32Array(g.n);
    const his = new Int32Array(g.n);
    const w: Window = { ts: new Float64Array(0), vs: new Float64Array(0), lo: 0, hi: 0, start: 0, end: 0, range: m.range, evalT: 0, mode: m.mode, st: undefined, los, his };
    // extrapolatedRate warns of overlapping start times; the extended rates do not read them.
    const checkOverlap = (name === 'rate' || name === 'increase') && !m.mode;
    for (let k = 0; k < m.series.length; k++) {
      // Hand the thread back now and then: one call can cover many thousands of series.
      if ((k & 1023) === 1023) await ctx.checkpoint();
      const series = m.series[k];
      const s = series.read();
      if (s.ts.length === 0) continue;
      if (!judged) judgeParams();
      const fn = fnFor();
      const r = newStepSeries(series.labels, g.n, keepName ? series.dropName : true);
      // A function of floats only runs its float code on the series' floats alone.
      const fp = s.hs !== undefined && floatsOnly ? new FloatPart(s) : undefined;
      const src = fp ?? s;
      const ts = src.ts;
      w.ts = ts;
      w.vs = src.vs;
      w.st = src.st;
      let overlaps = checkOverlap && s.st !== undefined ? nextStartTimeOverlaps(s.ts, s.st) : undefined;
      const hw = s.hs === undefined || fp !== undefined ? undefined : histogramWindows(name, s, series.labels.metricName, e.args[mi].pos, ctx.annos);
      windowBounds(ts, m.start, m.end, before, after, los, his);
      for (let i = 0; i < g.n; i++) {
        const start = m.start[i];
        const end = m.end[i];
        const lo = los[i];
        const hi = his[i];
        if (overlaps !== undefined && lo + 1 < hi && overlaps[lo + 1] < hi) {
          ctx.annos.warn(`sample has start time that overlaps with previous sample timestamp for metric ${JSON.stringify(series.labels.metricName)}`, e.args[mi].pos);
          overlaps = undefined;
        }
        w.lo = lo;
        w.hi = hi;
        w.start = start;
        w.end = end;
        w.evalT = gridTime(g, i);
        for (let a = 0; a < params.length; a++) p[a] = params[a][i];
        fn(w, p, r, i);
        if (fp !== undefined && hi > lo && fp.histogramsIn(start, end)) ctx.annos.info(ignoredHistogramsInfo(series.labels.metricName), e.args[0].pos);
        // A window holding histograms is answered by their own rules, after the float writer kept its state.
        if (hw !== undefined) hw.step(w, r, i);
      }
      if (r.has.indexOf(1) < 0) continue;
      meter.add(r);
      sink(r);
      if ((name === 'rate' || name === 'increase') && (hw === undefined || hw.sawFloats)) {
        const metric = series.labels.metricName;
        if (metric !== '' && !/_(total|sum|count|bucket)$/.test(metric)) {
          ctx.annos.info(`metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${JSON.stringify(metric)}`, e.args[0].pos);
        }
      }
    }
  };
}

/** What a range function makes of a window holding only histograms; undefined gives no sample. */
type HistogramWindowFn = (w: Window, hs: readonly (FloatHistogram | undefined)[], metric: string, note: RateNote) => FloatHistogram | undefined;

const rateRule =
  (isCounter: boolean, isRate: boolean): HistogramWindowFn =>
  (w, hs, metric, note) =>
    w.mode !== undefined ? histogramExtendedRate(w, hs, isCounter, isRate, metric, note) : histogramExtrapolatedRate(w, hs, isCounter, isRate, metric, note);

/** Range functions with a rule for windows of native histograms; a window mixing floats and histograms gives nothing and a warning. */
const HISTOGRAM_WINDOW_FNS: Record<string, HistogramWindowFn> = {
  rate: rateRule(true, true),
  increase: rateRule(true, false),
  delta: rateRule(false, false),
  sum_over_time: (w, hs, metric, note) => histogramSumOverTime(hs, w.lo, w.hi, metric, note),
  avg_over_time: (w, hs, metric, note) => histogramAvgOverTime(hs, w.lo, w.hi, metric, note),
};

/** Range functions that count or time samples: a histogram is a sample like a float, the float answer stands. */
const COUNTS_SAMPLES: ReadonlySet<string> = new Set(['count_over_time', 'present_over_time', 'absent_over_time', 'ts_of_first_over_time', 'ts_of_last_over_time']);

/**
 * Per-step handling of a series holding histograms: a window of floats only
 * keeps the float answer; last_over_time and first_over_time pick the
 * sample itself; the others answer a window of histograms by their rule.
 */
function histogramWindows(name: string, s: RangeSamples, metric: string, pos: PosRange, annos: Annotations) {
  const rule = HISTOGRAM_WINDOW_FNS[name];
  const pick = name === 'last_over_time' ? 'last' : name === 'first_over_time' ? 'first' : undefined;
  const hs = s.hs!;
  // Histograms up to each position, so a window's mix is two lookups.
  const upTo = new Int32Array(hs.length + 1);
  for (let k = 0; k < hs.length; k++) upTo[k + 1] = upTo[k] + (hs[k] === undefined ? 0 : 1);
  const note = (warn: boolean, msg: string) => (warn ? annos.warn(msg, pos) : annos.info(msg, pos));
  const state = {
    sawFloats: false,
    step(w: Window, r: StepSeries, i: number): void {
      const nh = upTo[w.hi] - upTo[w.lo];
      if (nh < w.hi - w.lo) state.sawFloats = true;
      if (nh === 0 || COUNTS_SAMPLES.has(name)) return;
      if (name === 'resets' || name === 'changes') {
        const n = mixedResetsOrChanges(w, hs, name === 'resets');
        r.has[i] = n === undefined ? 0 : 1;
        r.vals[i] = n ?? 0;
        return;
      }
      if (name === 'irate' || name === 'idelta') {
        // Only the last two samples count: floats both, the float answer stands.
        const a = w.hi - w.lo >= 2 ? hs[w.hi - 2] : undefined;
        const b = w.hi - w.lo >= 2 ? hs[w.hi - 1] : undefined;
        if (a === undefined && b === undefined) return;
        r.has[i] = 0;
        r.vals[i] = 0;
        if (a === undefined || b === undefined) {
          annos.warn(`encountered a mix of histograms and floats for metric name ${JSON.stringify(metric)}`, pos);
          return;
        }
        const h = histogramInstantValue(w, hs, name === 'irate', metric, note);
        if (h === undefined) return;
        (r.hs ??= new Array(r.has.length))[i] = h;
        r.has[i] = 1;
        return;
      }
      if (pick !== undefined) {
        const h = hs[pick === 'last' ? w.hi - 1 : w.lo];
        if (h !== undefined) (r.hs ??= new Array(r.has.length))[i] = h;
        return;
      }
      r.has[i] = 0;
      r.vals[i] = 0;
      if (nh < w.hi - w.lo) {
        annos.warn(`encountered a mix of histograms and floats for metric name ${JSON.stringify(metric)}`, pos);
        return;
      }
      // Every range function is routed above or has a rule; a new one must add its own.
      if (rule === undefined) throw new Error(`no native histogram rule for ${name}`);
      const h = rule(w, hs, metric, note);
      if (h === undefined) return;
      (r.hs ??= new Array(r.has.length))[i] = h;
      r.has[i] = 1;
    },
  };
  return state;
}

/** Each float of the first (vector) argument mapped, the other arguments scalars. */
function elementCall(fn: ElementFn): FunctionCall {
  return async (env, e, g) => {
    const input = floatSamplesOnly(await env.vectorArg(e.args[0], g)).series;
    const params = await Promise.all(e.args.slice(1).map((a) => env.scalarArg(a, g)));
    const p: number[] = new Array(params.length);
    const out: StepSeries[] = [];
    for (const s of input) {
      const r = newStepSeries(s.labels, g.n, true);
      let any = false;
      for (let i = 0; i < g.n; i++) {
        if (!s.has[i]) continue;
        for (let k = 0; k < params.length; k++) p[k] = params[k][i];
        const v = fn(s.vals[i], p);
        if (v === undefined) continue;
        r.vals[i] = v;
        r.has[i] = 1;
        any = true;
      }
      if (any) out.push(r);
    }
    return { type: 'vector', series: out };
  };
}

/** Calendar fields of each value, or of the step time when called without arguments. */
function dateCall(fn: DateFn): FunctionCall {
  return async (env, e, g) => {
    if (e.args.length === 0) {
      const r = newStepSeries(Labels.EMPTY, g.n);
      for (let i = 0; i < g.n; i++) {
        r.vals[i] = fn(dateOf(Math.trunc(gridTime(g, i) / 1000)));
        r.has[i] = 1;
      }
      return { type: 'vector', series: [r] };
    }
    const input = floatSamplesOnly(await env.vectorArg(e.args[0], g)).series;
    return {
      type: 'vector',
      series: input.map((s) => {
        const vals = new Float64Array(g.n);
        for (let i = 0; i < g.n; i++) if (s.has[i]) vals[i] = fn(dateOf(s.vals[i]));
        return { ...s, vals, dropName: true };
      }),
    };
  };
}

function scalarSteps(g: Grid, fn: (i: number) => number): Value {
  const vals = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) vals[i] = fn(i);
  return { type: 'scalar', vals };
}

/** A scalar the same at every step, from the query's own figures. */
function queryScalar(fn: (env: CallEnv) => number): FunctionCall {
  return async (env, _e, g) => {
    const v = fn(env);
    return scalarSteps(g, () => v);
  };
}

function pairwise(pick: (a: number, b: number) => number): FunctionCall {
  return async (env, e, g) => {
    const a = await env.scalarArg(e.args[0], g);
    const b = await env.scalarArg(e.args[1], g);
    return scalarSteps(g, (i) => pick(a[i], b[i]));
  };
}

const scalar: FunctionCall = async (env, e, g) => {
  const input = floatSamplesOnly(await env.vectorArg(e.args[0], g)).series;
  return scalarSteps(g, (i) => {
    let found: number | undefined;
    for (const s of input) {
      if (!s.has[i]) continue;
      if (found !== undefined) return NaN;
      found = s.vals[i];
    }
    return found ?? NaN;
  });
};

const vector: FunctionCall = async (env, e, g) => {
  const vals = await env.scalarArg(e.args[0], g);
  return { type: 'vector', series: [{ labels: Labels.EMPTY, vals, has: new Uint8Array(g.n).fill(1), dropName: false }] };
};

const timestamp: FunctionCall = async (env, e, g) => {
  const arg = unwrapParens(e.args[0]);
  // On a plain selector, timestamp() reports each sample's own time rather than the step's.
  const input = arg.kind === 'vectorSelector' ? await env.selectVector(arg, g, 'time') : await env.vectorArg(arg, g);
  return {
    type: 'vector',
    series: input.map((s) => {
      const vals = arg.kind === 'vectorSelector' ? s.vals : new Float64Array(g.n).map((_, i) => gridTime(g, i) / 1000);
      return { ...s, vals, hs: undefined, dropName: true };
    }),
  };
};

const absent: FunctionCall = async (env, e, g) => {
  const input = await env.vectorArg(e.args[0], g);
  const r = newStepSeries(absentLabels(e.args[0]), g.n, true);
  let any = false;
  for (let i = 0; i < g.n; i++) {
    if (input.some((s) => s.has[i])) continue;
    r.vals[i] = 1;
    r.has[i] = 1;
    any = true;
  }
  return { type: 'vector', series: any ? [r] : [] };
};

const absentOverTime: FunctionCall = async (env, e, g) => {
  const m: MatrixValue = await env.matrix(e.args[0], g);
  const present = new Uint8Array(g.n);
  for (const series of m.series) {
    const { ts } = series.read();
    let j = 0;
    for (let i = 0; i < g.n; i++) {
      while (j < ts.length && ts[j] <= m.start[i]) j++;
      if (j < ts.length && ts[j] <= m.end[i]) present[i] = 1;
    }
  }
  const r = newStepSeries(absentLabels(e.args[0]), g.n, true);
  let any = false;
  for (let i = 0; i < g.n; i++) {
    if (present[i]) continue;
    r.vals[i] = 1;
    r.has[i] = 1;
    any = true;
  }
  return { type: 'vector', series: any ? [r] : [] };
};

function sortByValue(desc: boolean): FunctionCall {
  return async (env, e, g) => {
    const input = floatSamplesOnly(await env.vectorArg(e.args[0], g)).series;
    if (g.n > 1) {
      env.ctx.annos.warn('sort is ineffective for range queries since results are always ordered by labels', e.pos);
      return { type: 'vector', series: input };
    }
    // NaN sorts last either way (funcSort, funcSortDesc).
    const sorted = input.slice().sort((a, b) => {
      const x = a.vals[0];
      const y = b.vals[0];
      const nx = Number.isNaN(x);
      const ny = Number.isNaN(y);
      if (nx || ny) return nx === ny ? 0 : nx ? 1 : -1;
      return desc ? y - x : x - y;
    });
    return { type: 'vector', series: sorted };
  };
}

function sortByLabel(sign: 1 | -1): FunctionCall {
  return async (env, e, g) => {
    const input = await env.vectorArg(e.args[0], g);
    if (g.n > 1) env.ctx.annos.warn('sort is ineffective for range queries since results are always ordered by labels', e.pos);
    const names = e.args.slice(1).map((a) => env.stringArg(a));
    const sorted = input.slice().sort((a, b) => {
      for (const n of names) {
        const x = a.labels.get(n);
        const y = b.labels.get(n);
        if (x === y) continue;
        return naturalLess(x, y) ? -sign : sign;
      }
      return sign * compareLabels(a.labels, b.labels);
    });
    return { type: 'vector', series: sorted };
  };
}

const histogramQuantileCall: FunctionCall = async (env, e, g) => {
  const q = await env.scalarArg(e.args[0], g);
  return { type: 'vector', series: histogramQuantile(q, await env.vectorArg(e.args[1], g), g, env.ctx.annos, { quantile: e.args[0].pos, buckets: e.args[1].pos }) };
};

const histogramQuantilesCall: FunctionCall = async (env, e, g) => {
  const label = env.stringArg(e.args[1]);
  const qs = await Promise.all(e.args.slice(2).map((a) => env.scalarArg(a, g)));
  return { type: 'vector', series: histogramQuantiles(qs, label, await env.vectorArg(e.args[0], g), g, env.ctx.annos, e.args.slice(2).map((a) => ({ quantile: a.pos, buckets: e.args[0].pos }))) };
};

const histogramFractionCall: FunctionCall = async (env, e, g) => {
  const lower = await env.scalarArg(e.args[0], g);
  const upper = await env.scalarArg(e.args[1], g);
  return { type: 'vector', series: histogramFraction(lower, upper, await env.vectorArg(e.args[2], g), g.n, env.ctx.annos, { lower: e.args[0].pos, buckets: e.args[2].pos }) };
};

const info: FunctionCall = async (env, e, g) => {
  const plan = infoPlan(e);
  const base = await env.vectorArg(e.args[0], g);
  // Info samples carry their time as a float; a histogram among them is an error (combineWithInfoVector).
  if ((env.ctx.data.get(plan.selector) ?? []).some((s) => s.mayHaveHistograms)) {
    for (const s of await env.selectVector(plan.selector, g, 'value')) if (s.hs?.some((h) => h !== undefined)) throw new QueryError('execution', 'info sample should be float');
  }
  return { type: 'vector', series: combineWithInfo(plan, base, await env.selectVector(plan.selector, g, 'time'), g.n) };
};

const startTimestamp: FunctionCall = async (env, e, g) => {
  const arg = unwrapParens(e.args[0]);
  // Start times reach here from a plain selector only; any other expression's samples have none (funcStartTimestamp).
  if (arg.kind !== 'vectorSelector' || !env.ctx.useStartTimestamps) {
    await env.vectorArg(arg, g);
    return { type: 'vector', series: [] };
  }
  return { type: 'vector', series: (await env.selectVector(arg, g, 'startTime')).map((s) => ({ ...s, dropName: true })) };
};

/** The labels absent() reports: the selector's equality matchers, as createLabelsForAbsentFunction. */
function absentLabels(arg: Expr): Labels {
  const sel = arg.kind === 'vectorSelector' ? arg : arg.kind === 'matrixSelector' ? arg.selector : undefined;
  if (!sel) return Labels.EMPTY;
  const b = Labels.EMPTY.builder();
  const has = new Set<string>();
  for (const m of sel.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !has.has(m.name)) {
      b.set(m.name, m.value);
      has.add(m.name);
    } else {
      b.del(m.name);
    }
  }
  return b.labels();
}

const calls = new Map<string, FunctionCall>([
  ['absent', absent],
  ['absent_over_time', absentOverTime],
  ['end', queryScalar((env) => env.ctx.end / 1000)],
  ['histogram_fraction', histogramFractionCall],
  ['histogram_quantile', histogramQuantileCall],
  ['histogram_quantiles', histogramQuantilesCall],
  ['info', info],
  ['label_join', labelJoin],
  ['label_replace', labelReplace],
  ['max_of', pairwise(Math.max)],
  ['min_of', pairwise(Math.min)],
  ['pi', queryScalar(() => Math.PI)],
  ['range', queryScalar((env) => (env.ctx.end - env.ctx.start) / 1000)],
  ['scalar', scalar],
  ['sort', sortByValue(false)],
  ['sort_by_label', sortByLabel(1)],
  ['sort_by_label_desc', sortByLabel(-1)],
  ['sort_desc', sortByValue(true)],
  ['start', queryScalar((env) => env.ctx.start / 1000)],
  ['start_timestamp', startTimestamp],
  ['step', queryScalar((env) => env.ctx.interval / 1000)],
  ['time', async (_env, _e, g) => scalarSteps(g, (i) => gridTime(g, i) / 1000)],
  ['timestamp', timestamp],
  ['vector', vector],
]);
/** A range function's output series handed to `sink` one at a time as they are made. */
export type RangeStream = (env: CallEnv, e: Call, g: Grid, sink: (s: StepSeries) => void) => Promise<void>;

const rangeStreams = new Map<string, RangeStream>();
for (const name of Object.keys(rangeFunctions)) {
  // These two act like an offset, so the series keeps its name.
  const keepName = name === 'last_over_time' || name === 'first_over_time';
  const stream = rangeCall(slidingFunctions[name] ?? stepWriter(rangeFunctions[name]), keepName);
  rangeStreams.set(name, stream);
  calls.set(name, async (env, e, g) => {
    const out: StepSeries[] = [];
    await stream(env, e, g, (s) => out.push(s));
    return { type: 'vector', series: out };
  });
}

/** The range functions, as streams an aggregation can fold as they go. */
export const RANGE_STREAMS: ReadonlyMap<string, RangeStream> = rangeStreams;
for (const [name, call] of Object.entries(histogramFunctions)) calls.set(name, call);
for (const name of Object.keys(elementFunctions)) calls.set(name, elementCall(elementFunctions[name]));
for (const name of Object.keys(dateFunctions)) calls.set(name, dateCall(dateFunctions[name]));

export const FUNCTION_CALLS: ReadonlyMap<string, FunctionCall> = calls;
