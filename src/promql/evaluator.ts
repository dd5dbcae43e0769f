// Evaluates a checked syntax tree over a grid of steps, after every selector's
// series were fetched. Each node is computed once for all steps; range
// functions slide a window over each series' samples.

import { compareLabels, Labels, METRIC_NAME } from '../model/labels';
import { compileAnchored } from '../model/matcher';
import { isStaleNaN } from '../model/staleNaN';
import type { SeriesData } from '../model/seriesData';
import { unwrapParens, type AggregateExpr, type AtModifier, type BinaryExpr, type Call, type Expr, type VectorSelector } from './ast';
import { aggregate } from './aggregate';
import { Annotations } from './annotations';
import { scalarBinop, setBinop, vectorBinop, vectorScalarBinop } from './binary';
import { histogramFraction, histogramQuantile, histogramQuantiles } from './classicHistogram';
import { QueryError } from './errors';
import { dateOf } from './elementFunctions';
import { formatG } from './format';
import { combineWithInfo, infoPlan } from './info';
import { expandTemplate, isValidLabelName, naturalLess } from './labelFunctions';
import type { Window } from './rangeFunctions';
import { nextStartTimeOverlaps, type SeriesRangeFn } from './slidingFunctions';
import { countPoints, gridTime, gridTimes, newStepSeries, presentSamples, type Grid, type MatrixValue, type RangeSeries, type StepSeries, type Value } from './value';

/** Functions the extended range selectors may feed (AnchoredSafeFunctions, SmoothedSafeFunctions). */
const EXTENDED_SAFE = {
  anchored: ['changes', 'delta', 'increase', 'rate', 'resets'],
  smoothed: ['delta', 'increase', 'rate'],
};

export interface EvalContext {
  /** Each selector's series, fetched for the whole query beforehand. */
  data: Map<VectorSelector, SeriesData[]>;
  lookbackDelta: number;
  /** The query's own start, end and step, for `@ start()`, `end()`, `step()`. */
  start: number;
  end: number;
  interval: number;
  /** Step of subqueries written without one (Prometheus's global evaluation interval). */
  subqueryStep: number;
  maxSamples: number;
  /**
   * Prometheus's UseStartTimestamps engine option, on when the fetched data
   * carries start times: start_timestamp() answers only then. Rates read
   * whatever start times a series has either way, and none changes nothing.
   */
  useStartTimestamps: boolean;
  annos: Annotations;
  /** Throws when the query is cancelled or past its deadline; may yield to the event loop. */
  checkpoint: () => Promise<void>;
  /** Called with each evaluated node's figures, for explain output. */
  onNode?: (e: Expr, stats: NodeStats) => void;
}

export interface NodeStats {
  series: number;
  samples: number;
  ms: number;
}

export class Evaluator {
  constructor(private readonly ctx: EvalContext) {}

  async eval(e: Expr, g: Grid): Promise<Value> {
    await this.ctx.checkpoint();
    const t0 = performance.now();
    const v = await this.evalNode(e, g);
    if (v.type === 'vector') {
      let samples = 0;
      for (const s of v.series) samples += countPoints(s);
      if (samples > this.ctx.maxSamples) throw new QueryError('execution', 'query processing would load too many samples into memory in query execution');
      this.ctx.onNode?.(e, { series: v.series.length, samples, ms: performance.now() - t0 });
    } else if (v.type === 'matrix') {
      let samples = 0;
      for (const s of v.series) samples += s.ts.length;
      if (samples > this.ctx.maxSamples) throw new QueryError('execution', 'query processing would load too many samples into memory in query execution');
      this.ctx.onNode?.(e, { series: v.series.length, samples, ms: performance.now() - t0 });
    } else {
      this.ctx.onNode?.(e, { series: 0, samples: v.type === 'scalar' ? v.vals.length : 0, ms: performance.now() - t0 });
    }
    return v;
  }

  private async evalNode(e: Expr, g: Grid): Promise<Value> {
    switch (e.kind) {
      case 'number':
        return { type: 'scalar', vals: new Float64Array(g.n).fill(e.value) };
      case 'string':
        return { type: 'string', value: e.value };
      case 'paren':
        return this.eval(e.expr, g);
      case 'unary': {
        const v = await this.eval(e.expr, g);
        if (e.op === '+') return v;
        if (v.type === 'scalar') return { type: 'scalar', vals: v.vals.map((x) => -x) };
        if (v.type === 'vector') {
          return { type: 'vector', series: v.series.map((s) => ({ ...s, vals: s.vals.map((x) => -x), dropName: true })) };
        }
        return v;
      }
      case 'vectorSelector':
        return { type: 'vector', series: await this.selectVector(e, g, 'value') };
      case 'matrixSelector':
      case 'subquery':
        return this.matrix(e, g);
      case 'call':
        return this.call(e, g);
      case 'aggregate':
        return this.aggregate(e, g);
      case 'binary':
        return this.binary(e, g);
    }
  }

  private refTime(at: AtModifier | undefined, t: number): number {
    if (at === undefined) return t;
    if (at === 'start') return this.ctx.start;
    if (at === 'end') return this.ctx.end;
    return at;
  }

  /**
   * The latest sample in (t - lookback, t] at each step, unless it is a stale
   * marker: its value, its time or its start time (in seconds, 0 when unknown).
   */
  private async selectVector(sel: VectorSelector, g: Grid, pick: 'value' | 'time' | 'startTime'): Promise<StepSeries[]> {
    if (sel.mode === 'smoothed' && pick === 'value') return this.selectSmoothed(sel, g);
    const out: StepSeries[] = [];
    const lookback = this.ctx.lookbackDelta;
    const input = this.ctx.data.get(sel) ?? [];
    for (let k = 0; k < input.length; k++) {
      if ((k & 1023) === 1023) await this.ctx.checkpoint();
      const s = input[k];
      const r = newStepSeries(s.labels, g.n);
      let any = false;
      let j = 0;
      const { ts, vs, st } = s;
      for (let i = 0; i < g.n; i++) {
        const ref = this.refTime(sel.at, gridTime(g, i)) - sel.offset;
        while (j < ts.length && ts[j] <= ref) j++;
        const last = j - 1;
        if (last >= 0 && ts[last] > ref - lookback && !isStaleNaN(vs[last])) {
          r.vals[i] = pick === 'value' ? vs[last] : pick === 'time' ? ts[last] / 1000 : st === undefined ? 0 : st[last] / 1000;
          r.has[i] = 1;
          any = true;
        }
      }
      if (any) out.push(r);
    }
    return out;
  }

  /** The value at each step interpolated between the samples around it, within a lookback either side (smoothSeries). */
  private selectSmoothed(sel: VectorSelector, g: Grid): StepSeries[] {
    const out: StepSeries[] = [];
    const lb = this.ctx.lookbackDelta;
    for (const s of this.ctx.data.get(sel) ?? []) {
      const { ts, vs } = withoutStale(s);
      const r = newStepSeries(s.labels, g.n);
      let any = false;
      let j = 0;
      for (let i = 0; i < g.n; i++) {
        const t = this.refTime(sel.at, gridTime(g, i)) - sel.offset;
        while (j < ts.length && ts[j] < t) j++;
        const prev = j > 0 && ts[j - 1] > t - lb ? j - 1 : -1;
        const next = j < ts.length && ts[j] <= t + lb ? j : -1;
        let v: number;
        if (next >= 0 && ts[next] === t) v = vs[next];
        else if (prev >= 0 && next >= 0) v = vs[prev] + ((vs[next] - vs[prev]) * (t - ts[prev])) / (ts[next] - ts[prev]);
        else if (prev >= 0) v = vs[prev];
        else continue;
        r.vals[i] = v;
        r.has[i] = 1;
        any = true;
      }
      if (any) out.push(r);
    }
    return out;
  }

  /** A range vector with each step's window, from a matrix selector or a subquery. */
  private async matrix(e: Expr, g: Grid): Promise<MatrixValue> {
    e = unwrapParens(e);
    const start = new Float64Array(g.n);
    const end = new Float64Array(g.n);
    if (e.kind === 'matrixSelector') {
      const sel = e.selector;
      for (let i = 0; i < g.n; i++) {
        end[i] = this.refTime(sel.at, gridTime(g, i)) - sel.offset;
        start[i] = end[i] - e.range;
      }
      // Range functions never see stale markers (matrixIterSlice skips them).
      const series: RangeSeries[] = (this.ctx.data.get(sel) ?? []).map((s) => ({ labels: s.labels, ...withoutStale(s), dropName: false }));
      return { type: 'matrix', series, start, end, range: e.range, mode: sel.mode };
    }
    if (e.kind !== 'subquery') throw new QueryError('execution', `expected a range vector, got ${e.kind}`);
    for (let i = 0; i < g.n; i++) {
      end[i] = this.refTime(e.at, gridTime(g, i)) - e.offset;
      start[i] = end[i] - e.range;
    }
    const step = e.step > 0 ? e.step : this.ctx.subqueryStep;
    const first = start[0];
    // Inner steps are aligned to multiples of the step, strictly after the window start (evalSubquery).
    let innerStart = step * Math.trunc(first / step);
    if (innerStart <= first) innerStart += step;
    const innerEnd = end[g.n - 1];
    const n = innerEnd < innerStart ? 0 : Math.floor((innerEnd - innerStart) / step) + 1;
    const inner = n === 0 ? ({ type: 'vector', series: [] } as Value) : await this.eval(e.expr, { start: innerStart, step, n });
    const series: RangeSeries[] = [];
    if (inner.type === 'vector') {
      const times = gridTimes({ start: innerStart, step, n });
      for (const s of inner.series) series.push({ labels: s.labels, ...presentSamples(s, times), dropName: s.dropName });
    }
    return { type: 'matrix', series, start, end, range: e.range };
  }

  private async scalarArg(e: Expr, g: Grid): Promise<Float64Array> {
    const v = await this.eval(e, g);
    if (v.type !== 'scalar') throw new QueryError('execution', `expected scalar argument`);
    return v.vals;
  }

  private async vectorArg(e: Expr, g: Grid): Promise<StepSeries[]> {
    const v = await this.eval(e, g);
    if (v.type !== 'vector') throw new QueryError('execution', `expected instant vector argument`);
    return v.series;
  }

  private stringArg(e: Expr): string {
    const u = unwrapParens(e);
    if (u.kind !== 'string') throw new QueryError('execution', 'expected string argument');
    return u.value;
  }

  private async call(e: Call, g: Grid): Promise<Value> {
    const f = e.func;
    const impl = f.impl;
    switch (impl.kind) {
      case 'range':
        return this.rangeCall(e, impl.perSeries, impl.keepName, g);
      case 'element': {
        const input = await this.vectorArg(e.args[0], g);
        const params = await Promise.all(e.args.slice(1).map((a) => this.scalarArg(a, g)));
        const p: number[] = new Array(params.length);
        const out: StepSeries[] = [];
        for (const s of input) {
          const r = newStepSeries(s.labels, g.n, true);
          let any = false;
          for (let i = 0; i < g.n; i++) {
            if (!s.has[i]) continue;
            for (let k = 0; k < params.length; k++) p[k] = params[k][i];
            const v = impl.fn(s.vals[i], p);
            if (v === undefined) continue;
            r.vals[i] = v;
            r.has[i] = 1;
            any = true;
          }
          if (any) out.push(r);
        }
        return { type: 'vector', series: out };
      }
      case 'date': {
        if (e.args.length === 0) {
          const r = newStepSeries(Labels.EMPTY, g.n);
          for (let i = 0; i < g.n; i++) {
            r.vals[i] = impl.fn(dateOf(Math.trunc(gridTime(g, i) / 1000)));
            r.has[i] = 1;
          }
          return { type: 'vector', series: [r] };
        }
        const input = await this.vectorArg(e.args[0], g);
        return {
          type: 'vector',
          series: input.map((s) => {
            const vals = new Float64Array(g.n);
            for (let i = 0; i < g.n; i++) if (s.has[i]) vals[i] = impl.fn(dateOf(s.vals[i]));
            return { ...s, vals, dropName: true };
          }),
        };
      }
      case 'special':
        return this.specialCall(e, g);
    }
  }

  private async rangeCall(e: Call, fnFor: SeriesRangeFn, keepName: boolean, g: Grid): Promise<Value> {
    const name = e.func.name;
    const mi = e.func.argTypes.indexOf('matrix');
    const params: Float64Array[] = [];
    for (let k = 0; k < e.args.length; k++) if (k !== mi) params.push(await this.scalarArg(e.args[k], g));
    const m = await this.matrix(e.args[mi], g);
    if (m.mode) {
      const safe = EXTENDED_SAFE[m.mode];
      if (!safe.includes(name)) throw new QueryError('execution', `${m.mode} modifier can only be used with: ${safe.join(', ')} - not with ${name}`);
    }
    const before = m.mode ? this.ctx.lookbackDelta : 0;
    const after = m.mode === 'smoothed' ? this.ctx.lookbackDelta : 0;
    if (m.series.length > 0 && name === 'quantile_over_time') {
      for (const q of params[0]) if (Number.isNaN(q) || q < 0 || q > 1) this.ctx.annos.warn(`quantile value should be between 0 and 1, got ${formatG(q)}`, e.args[0].pos);
    }
    if (m.series.length > 0 && name === 'double_exponential_smoothing') {
      const [sf, tf] = [params[0][0], params[1][0]];
      if (!(sf > 0 && sf < 1)) throw new QueryError('execution', `invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
      if (!(tf > 0 && tf < 1)) throw new QueryError('execution', `invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
    }
    const out: StepSeries[] = [];
    const p: number[] = new Array(params.length);
    const w: Window = { ts: new Float64Array(0), vs: new Float64Array(0), lo: 0, hi: 0, start: 0, end: 0, range: m.range, evalT: 0, mode: m.mode, st: undefined };
    // extrapolatedRate warns of overlapping start times; the extended rates do not read them.
    const checkOverlap = (name === 'rate' || name === 'increase') && !m.mode;
    for (let k = 0; k < m.series.length; k++) {
      // Hand the thread back now and then: one call can cover many thousands of series.
      if ((k & 1023) === 1023) await this.ctx.checkpoint();
      const s = m.series[k];
      const fn = fnFor();
      const r = newStepSeries(s.labels, g.n, keepName ? s.dropName : true);
      w.ts = s.ts;
      w.vs = s.vs;
      w.st = s.st;
      let overlaps = checkOverlap && s.st !== undefined ? nextStartTimeOverlaps(s.ts, s.st) : undefined;
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < g.n; i++) {
        const start = m.start[i];
        const end = m.end[i];
        while (hi < s.ts.length && s.ts[hi] <= end + after) hi++;
        while (lo < hi && s.ts[lo] <= start - before) lo++;
        if (lo > hi) lo = hi;
        if (overlaps !== undefined && lo + 1 < hi && overlaps[lo + 1] < hi) {
          this.ctx.annos.warn(`sample has start time that overlaps with previous sample timestamp for metric ${JSON.stringify(s.labels.metricName)}`, e.args[mi].pos);
          overlaps = undefined;
        }
        w.lo = lo;
        w.hi = hi;
        w.start = start;
        w.end = end;
        w.evalT = gridTime(g, i);
        for (let a = 0; a < params.length; a++) p[a] = params[a][i];
        fn(w, p, r, i);
      }
      if (r.has.indexOf(1) < 0) continue;
      out.push(r);
      if (name === 'rate' || name === 'increase') {
        const metric = s.labels.metricName;
        if (metric !== '' && !/_(total|sum|count|bucket)$/.test(metric)) {
          this.ctx.annos.info(`metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${JSON.stringify(metric)}`, e.args[0].pos);
        }
      }
    }
    return { type: 'vector', series: out };
  }

  private absentOverTime(e: Call, m: MatrixValue, g: Grid): Value {
    const r = newStepSeries(absentLabels(e.args[0]), g.n, true);
    let any = false;
    const ptr = m.series.map(() => 0);
    for (let i = 0; i < g.n; i++) {
      let present = false;
      m.series.forEach((s, k) => {
        let j = ptr[k];
        while (j < s.ts.length && s.ts[j] <= m.start[i]) j++;
        ptr[k] = j;
        if (j < s.ts.length && s.ts[j] <= m.end[i]) present = true;
      });
      if (!present) {
        r.vals[i] = 1;
        r.has[i] = 1;
        any = true;
      }
    }
    return { type: 'vector', series: any ? [r] : [] };
  }

  private async specialCall(e: Call, g: Grid): Promise<Value> {
    const scalar = (fn: (i: number) => number): Value => {
      const vals = new Float64Array(g.n);
      for (let i = 0; i < g.n; i++) vals[i] = fn(i);
      return { type: 'scalar', vals };
    };
    switch (e.func.name) {
      case 'time':
        return scalar((i) => gridTime(g, i) / 1000);
      case 'pi':
        return scalar(() => Math.PI);
      case 'start':
        return scalar(() => this.ctx.start / 1000);
      case 'end':
        return scalar(() => this.ctx.end / 1000);
      case 'range':
        return scalar(() => (this.ctx.end - this.ctx.start) / 1000);
      case 'step':
        return scalar(() => this.ctx.interval / 1000);
      case 'max_of':
      case 'min_of': {
        const a = await this.scalarArg(e.args[0], g);
        const b = await this.scalarArg(e.args[1], g);
        return scalar((i) => (e.func.name === 'max_of' ? Math.max(a[i], b[i]) : Math.min(a[i], b[i])));
      }
      case 'scalar': {
        const input = await this.vectorArg(e.args[0], g);
        return scalar((i) => {
          let found: number | undefined;
          for (const s of input) {
            if (!s.has[i]) continue;
            if (found !== undefined) return NaN;
            found = s.vals[i];
          }
          return found ?? NaN;
        });
      }
      case 'vector': {
        const vals = await this.scalarArg(e.args[0], g);
        return { type: 'vector', series: [{ labels: Labels.EMPTY, vals, has: new Uint8Array(g.n).fill(1), dropName: false }] };
      }
      case 'timestamp': {
        const arg = unwrapParens(e.args[0]);
        // On a plain selector, timestamp() reports each sample's own time rather than the step's.
        const input = arg.kind === 'vectorSelector' ? await this.selectVector(arg, g, 'time') : await this.vectorArg(arg, g);
        return {
          type: 'vector',
          series: input.map((s) => {
            const vals = arg.kind === 'vectorSelector' ? s.vals : new Float64Array(g.n).map((_, i) => gridTime(g, i) / 1000);
            return { ...s, vals, dropName: true };
          }),
        };
      }
      case 'absent': {
        const input = await this.vectorArg(e.args[0], g);
        const r = newStepSeries(absentLabels(e.args[0]), g.n, true);
        let any = false;
        for (let i = 0; i < g.n; i++) {
          if (input.some((s) => s.has[i])) continue;
          r.vals[i] = 1;
          r.has[i] = 1;
          any = true;
        }
        return { type: 'vector', series: any ? [r] : [] };
      }
      case 'sort':
      case 'sort_desc': {
        const input = await this.vectorArg(e.args[0], g);
        if (g.n > 1) {
          this.ctx.annos.warn('sort is ineffective for range queries since results are always ordered by labels', e.pos);
          return { type: 'vector', series: input };
        }
        const desc = e.func.name === 'sort_desc';
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
      }
      case 'sort_by_label':
      case 'sort_by_label_desc': {
        const input = await this.vectorArg(e.args[0], g);
        if (g.n > 1) this.ctx.annos.warn('sort is ineffective for range queries since results are always ordered by labels', e.pos);
        const names = e.args.slice(1).map((a) => this.stringArg(a));
        const sign = e.func.name === 'sort_by_label' ? 1 : -1;
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
      }
      case 'absent_over_time':
        return this.absentOverTime(e, await this.matrix(e.args[0], g), g);
      case 'label_replace':
        return this.labelReplace(e, g);
      case 'label_join':
        return this.labelJoin(e, g);
      case 'histogram_quantile': {
        const q = await this.scalarArg(e.args[0], g);
        return { type: 'vector', series: histogramQuantile(q, await this.vectorArg(e.args[1], g), g, this.ctx.annos, { quantile: e.args[0].pos, buckets: e.args[1].pos }) };
      }
      case 'info': {
        const plan = infoPlan(e);
        const base = await this.vectorArg(e.args[0], g);
        return { type: 'vector', series: combineWithInfo(plan, base, await this.selectVector(plan.selector, g, 'time'), g.n) };
      }
      case 'histogram_quantiles': {
        const label = this.stringArg(e.args[1]);
        const qs = await Promise.all(e.args.slice(2).map((a) => this.scalarArg(a, g)));
        return { type: 'vector', series: histogramQuantiles(qs, label, await this.vectorArg(e.args[0], g), g, this.ctx.annos, e.args.slice(2).map((a) => ({ quantile: a.pos, buckets: e.args[0].pos }))) };
      }
      case 'histogram_fraction': {
        const lower = await this.scalarArg(e.args[0], g);
        const upper = await this.scalarArg(e.args[1], g);
        return { type: 'vector', series: histogramFraction(lower, upper, await this.vectorArg(e.args[2], g), g.n, this.ctx.annos, e.args[2].pos) };
      }
      case 'histogram_avg':
      case 'histogram_count':
      case 'histogram_sum':
      case 'histogram_stddev':
      case 'histogram_stdvar':
        // These read native histograms, which this storage does not keep.
        await this.vectorArg(e.args[0], g);
        return { type: 'vector', series: [] };
      case 'start_timestamp': {
        const arg = unwrapParens(e.args[0]);
        // Start times reach here from a plain selector only; any other expression's samples have none (funcStartTimestamp).
        if (arg.kind !== 'vectorSelector' || !this.ctx.useStartTimestamps) {
          await this.vectorArg(arg, g);
          return { type: 'vector', series: [] };
        }
        return { type: 'vector', series: (await this.selectVector(arg, g, 'startTime')).map((s) => ({ ...s, dropName: true })) };
      }
      default:
        throw new QueryError('execution', `function ${JSON.stringify(e.func.name)} is not supported`);
    }
  }

  private async labelReplace(e: Call, g: Grid): Promise<Value> {
    const [dst, repl, src, regexText] = e.args.slice(1).map((a) => this.stringArg(a));
    let re: RegExp;
    try {
      re = compileAnchored(regexText);
    } catch {
      throw new QueryError('execution', `invalid regular expression in label_replace(): ${regexText}`);
    }
    if (!isValidLabelName(dst)) throw new QueryError('execution', `invalid destination label name in label_replace(): ${dst}`);
    const input = await this.vectorArg(e.args[0], g);
    const out = input.map((s) => {
      const m = re.exec(s.labels.get(src));
      if (!m) return s;
      const labels = s.labels.builder().set(dst, expandTemplate(repl, m)).labels();
      return { ...s, labels, dropName: dst === METRIC_NAME ? false : s.dropName };
    });
    return { type: 'vector', series: mergeSameLabels(out) };
  }

  private async labelJoin(e: Call, g: Grid): Promise<Value> {
    const [dst, sep, ...srcs] = e.args.slice(1).map((a) => this.stringArg(a));
    for (const s of srcs) if (!isValidLabelName(s)) throw new QueryError('execution', `invalid source label name in label_join(): ${s}`);
    if (!isValidLabelName(dst)) throw new QueryError('execution', `invalid destination label name in label_join(): ${dst}`);
    const input = await this.vectorArg(e.args[0], g);
    const out = input.map((s) => {
      const labels = s.labels
        .builder()
        .set(dst, srcs.map((n) => s.labels.get(n)).join(sep))
        .labels();
      return { ...s, labels, dropName: dst === METRIC_NAME ? false : s.dropName };
    });
    return { type: 'vector', series: mergeSameLabels(out) };
  }

  private async aggregate(e: AggregateExpr, g: Grid): Promise<Value> {
    let param: Float64Array | string | undefined;
    if (e.param) param = e.op === 'count_values' ? this.stringArg(e.param) : await this.scalarArg(e.param, g);
    const input = await this.vectorArg(e.expr, g);
    return { type: 'vector', series: await aggregate(e, input, param, g.n, this.ctx.annos, this.ctx.checkpoint) };
  }

  private async binary(e: BinaryExpr, g: Grid): Promise<Value> {
    const l = await this.eval(e.lhs, g);
    const r = await this.eval(e.rhs, g);
    if (l.type === 'scalar' && r.type === 'scalar') return { type: 'scalar', vals: scalarBinop(e.op, l.vals, r.vals, e.returnBool) };
    if (l.type === 'vector' && r.type === 'scalar') return { type: 'vector', series: await vectorScalarBinop(e.op, l.series, r.vals, false, e.returnBool, this.ctx.checkpoint) };
    if (l.type === 'scalar' && r.type === 'vector') return { type: 'vector', series: await vectorScalarBinop(e.op, r.series, l.vals, true, e.returnBool, this.ctx.checkpoint) };
    if (l.type !== 'vector' || r.type !== 'vector') throw new QueryError('execution', 'binary expression must contain only scalar and instant vector types');
    const m = e.matching ?? { card: 'one-to-one', on: false, labels: [], include: [] };
    if (e.op === 'and' || e.op === 'or' || e.op === 'unless') return { type: 'vector', series: await setBinop(e.op, l.series, r.series, m, g.n, this.ctx.checkpoint) };
    return { type: 'vector', series: await vectorBinop(e.op, l.series, r.series, m, e.returnBool, g.n, this.ctx.checkpoint) };
  }
}

/** A series' samples (and start times) without stale markers; the arrays themselves when it has none. */
function withoutStale(s: SeriesData): { ts: Float64Array; vs: Float64Array; st?: Float64Array } {
  let stale = 0;
  for (let k = 0; k < s.vs.length; k++) if (isStaleNaN(s.vs[k])) stale++;
  if (stale === 0) return { ts: s.ts, vs: s.vs, st: s.st };
  const n = s.ts.length - stale;
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  const from = s.st;
  const st = from === undefined ? undefined : new Float64Array(n);
  let w = 0;
  for (let k = 0; k < s.vs.length; k++) {
    if (isStaleNaN(s.vs[k])) continue;
    ts[w] = s.ts[k];
    if (st !== undefined && from !== undefined) st[w] = from[k];
    vs[w++] = s.vs[k];
  }
  return { ts, vs, st };
}

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

/**
 * Merges series whose labels became equal (after name removal or relabelling)
 * when they never share a step, as mergeSeriesWithSameLabelset; overlapping
 * ones are Prometheus's "vector cannot contain metrics with the same labelset".
 */
export function mergeSameLabels(series: StepSeries[]): StepSeries[] {
  const byKey = new Map<string, StepSeries>();
  const out: StepSeries[] = [];
  for (const s of series) {
    const key = s.labels.key();
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, s);
      out.push(s);
      continue;
    }
    for (let i = 0; i < s.has.length; i++) {
      if (!s.has[i]) continue;
      if (prev.has[i]) throw new QueryError('execution', 'vector cannot contain metrics with the same labelset');
    }
    const merged = { ...prev, vals: prev.vals.slice(), has: prev.has.slice() };
    for (let i = 0; i < s.has.length; i++) {
      if (!s.has[i]) continue;
      merged.vals[i] = s.vals[i];
      merged.has[i] = 1;
    }
    byKey.set(key, merged);
    out[out.indexOf(prev)] = merged;
  }
  return out;
}
