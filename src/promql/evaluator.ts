// Evaluates a checked syntax tree over a grid of steps, after every selector's
// series were fetched. Each node is computed once for all steps; function
// calls go through the one table in functions.ts.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import { isStaleNaN } from '../model/staleNaN';
import { Labels } from '../model/labels';
import { SampleBuffers, type SeriesData } from '../model/seriesData';
import { unwrapParens, type AggregateExpr, type AtModifier, type BinaryExpr, type Call, type Expr, type VectorSelector } from './parser/ast';
import { aggregate, foldsSeries, seriesFold } from './aggregate';
import { scalarBinop, setBinop, vectorBinop, vectorScalarBinop } from './binary';
import { QueryError } from './errors';
import { PointMeter, tooManySamples } from './pointMeter';
import type { BinopNote } from './histogramBinop';
import { smoothedHistogramAt } from './histogramExtended';
import { histogramSample } from './histogramValues';
import type { CallEnv, EvalContext, SamplePick } from './evalContext';
import { FUNCTION_CALLS, RANGE_STREAMS } from './functions';
import { countPoints, gridTime, gridTimes, newStepSeries, presentSamples, type Grid, type MatrixValue, type RangeSamples, type RangeSeries, type StepSeries, type Value } from './value';

export class Evaluator implements CallEnv {
  /** Where instant selectors decode each series in turn: they are done with one before reading the next. */
  private readonly buf = new SampleBuffers();

  constructor(readonly ctx: EvalContext) {}

  async eval(e: Expr, g: Grid): Promise<Value> {
    await this.ctx.checkpoint();
    const t0 = performance.now();
    const v = await this.evalNode(e, g);
    if (v.type === 'vector') {
      let samples = 0;
      for (const s of v.series) samples += countPoints(s);
      if (samples > this.ctx.maxSamples) throw tooManySamples();
      this.ctx.onNode?.(e, { series: v.series.length, samples, ms: performance.now() - t0 });
    } else if (v.type === 'matrix') {
      let samples = 0;
      for (const s of v.series) samples += s.sampleBound;
      // Counting exactly decodes every series, which its consumer then decodes again: only when the bound breaks the limit or explain shows the count.
      if (samples > this.ctx.maxSamples || this.ctx.onNode !== undefined) {
        samples = 0;
        for (const s of v.series) samples += s.read().ts.length;
      }
      if (samples > this.ctx.maxSamples) throw tooManySamples();
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
        if (e.op === '+') return this.eval(e.expr, g);
        const v = await this.eval(e.expr, g);
        if (v.type === 'scalar') return { type: 'scalar', vals: v.vals.map((x) => -x) };
        if (v.type === 'vector') {
          return { type: 'vector', series: v.series.map((s) => ({ ...s, vals: s.vals.map((x) => -x), hs: s.hs?.map((h) => h?.copy().mul(-1)), dropName: true })) };
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
  async selectVector(sel: VectorSelector, g: Grid, pick: SamplePick): Promise<StepSeries[]> {
    if (sel.mode === 'smoothed' && pick === 'value') return this.selectSmoothed(sel, g);
    const out: StepSeries[] = [];
    await this.eachSelected(sel, g, pick, (s) => out.push(s));
    return out;
  }

  /** selectVector's series handed to `sink` one at a time as they are made (not smoothed ones). */
  private async eachSelected(sel: VectorSelector, g: Grid, pick: SamplePick, sink: (s: StepSeries) => void): Promise<void> {
    const meter = new PointMeter(this.ctx.maxSamples);
    const lookback = this.ctx.lookbackDelta;
    const input = this.ctx.data.get(sel) ?? [];
    for (let k = 0; k < input.length; k++) {
      if ((k & 1023) === 1023) await this.ctx.checkpoint();
      const s = input[k].read(this.buf);
      if (s === undefined) continue;
      if (s.hs !== undefined && pick === 'value') {
        const r = this.selectHistogramSeries(sel, s, g);
        if (r) {
          meter.add(r);
          sink(r);
        }
        continue;
      }
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
      if (any) {
        meter.add(r);
        sink(r);
      }
    }
  }

  /** selectVector's pick for a series holding histogram samples: the float loop stays free of per-sample checks. */
  private selectHistogramSeries(sel: VectorSelector, s: SeriesData, g: Grid): StepSeries | undefined {
    const lookback = this.ctx.lookbackDelta;
    const r = newStepSeries(s.labels, g.n);
    const hs: StepSeries['hs'] = new Array(g.n);
    const { ts, vs } = s;
    let any = false;
    let j = 0;
    for (let i = 0; i < g.n; i++) {
      const ref = this.refTime(sel.at, gridTime(g, i)) - sel.offset;
      while (j < ts.length && ts[j] <= ref) j++;
      const last = j - 1;
      if (last < 0 || ts[last] <= ref - lookback || isStaleNaN(vs[last])) continue;
      const h = s.hs![last];
      if (h === undefined) r.vals[i] = vs[last];
      else hs[i] = histogramSample(h);
      r.has[i] = 1;
      any = true;
    }
    if (!any) return undefined;
    r.hs = hs;
    return r;
  }

  /** The value at each step interpolated between the samples around it, within a lookback either side (smoothSeries). */
  private selectSmoothed(sel: VectorSelector, g: Grid): StepSeries[] {
    const out: StepSeries[] = [];
    const meter = new PointMeter(this.ctx.maxSamples);
    const lb = this.ctx.lookbackDelta;
    for (const lazy of this.ctx.data.get(sel) ?? []) {
      const s = lazy.read(this.buf);
      if (s === undefined) continue;
      if (s.hs !== undefined) {
        const r = this.smoothHistogramSeries(sel, s, g);
        if (r) {
          meter.add(r);
          out.push(r);
        }
        continue;
      }
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
      if (any) {
        meter.add(r);
        out.push(r);
      }
    }
    return out;
  }

  /**
   * selectSmoothed for a series holding histograms (smoothSeries): a step
   * whose lookback either side holds only floats is smoothed as floats, only
   * histograms as histograms; a mix gives nothing and a warning.
   */
  private smoothHistogramSeries(sel: VectorSelector, s: SeriesData, g: Grid): StepSeries | undefined {
    const lb = this.ctx.lookbackDelta;
    const { ts, vs, hs } = withoutStale(s);
    const samples = hs!;
    const name = s.labels.metricName;
    const note = (warn: boolean, msg: string) => (warn ? this.ctx.annos.warn(msg, sel.pos) : this.ctx.annos.info(msg, sel.pos));
    // Histograms up to each position, so a lookback's mix is two lookups.
    const upTo = new Int32Array(samples.length + 1);
    for (let k = 0; k < samples.length; k++) upTo[k + 1] = upTo[k] + (samples[k] === undefined ? 0 : 1);
    const r = newStepSeries(s.labels, g.n);
    const out: StepSeries['hs'] = new Array(g.n);
    let any = false;
    let lo = 0;
    let j = 0;
    let hi = 0;
    for (let i = 0; i < g.n; i++) {
      const t = this.refTime(sel.at, gridTime(g, i)) - sel.offset;
      while (lo < ts.length && ts[lo] <= t - lb) lo++;
      while (j < ts.length && ts[j] < t) j++;
      while (hi < ts.length && ts[hi] <= t + lb) hi++;
      const nh = upTo[hi] - upTo[lo];
      const prev = j > lo ? j - 1 : -1;
      const next = j < hi ? j : -1;
      if (nh > 0 && nh < hi - lo) {
        this.ctx.annos.warn(`encountered a mix of histograms and floats for metric name ${JSON.stringify(name)}`, sel.pos);
        continue;
      }
      if (nh > 0) {
        const h = smoothedHistogramAt(ts, samples, prev, next, t, name, note);
        if (h === undefined) continue;
        out[i] = h;
      } else if (next >= 0 && ts[next] === t) r.vals[i] = vs[next];
      else if (prev >= 0 && next >= 0) r.vals[i] = vs[prev] + ((vs[next] - vs[prev]) * (t - ts[prev])) / (ts[next] - ts[prev]);
      else if (prev >= 0) r.vals[i] = vs[prev];
      else continue;
      r.has[i] = 1;
      any = true;
    }
    if (!any) return undefined;
    r.hs = out;
    return r;
  }

  async matrix(e: Expr, g: Grid): Promise<MatrixValue> {
    e = unwrapParens(e);
    const start = new Float64Array(g.n);
    const end = new Float64Array(g.n);
    if (e.kind === 'matrixSelector') {
      const sel = e.selector;
      for (let i = 0; i < g.n; i++) {
        end[i] = this.refTime(sel.at, gridTime(g, i)) - sel.offset;
        start[i] = end[i] - e.range;
      }
      // Each matrix decodes its series one after another into arrays of its own, so a day of a thousand series never lies in memory at once.
      const buf = new SampleBuffers();
      // Range functions never see stale markers (matrixIterSlice skips them).
      const series: RangeSeries[] = (this.ctx.data.get(sel) ?? []).map((s) => ({ labels: s.labels, dropName: false, sampleBound: s.sampleBound, read: () => withoutStale(s.read(buf) ?? NO_SAMPLES) }));
      const m: MatrixValue = { type: 'matrix', series, start, end, range: e.range, mode: sel.mode };
      return m;
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
      for (const s of inner.series) {
        const samples = presentSamples(s, times);
        if (samples.hs) samples.hs = samples.hs.map(unknownResetHint);
        series.push({ labels: s.labels, dropName: s.dropName, sampleBound: samples.ts.length, read: () => samples });
      }
    }
    return { type: 'matrix', series, start, end, range: e.range };
  }

  async scalarArg(e: Expr, g: Grid): Promise<Float64Array> {
    const v = await this.eval(e, g);
    if (v.type !== 'scalar') throw new QueryError('execution', `expected scalar argument`);
    return v.vals;
  }

  async vectorArg(e: Expr, g: Grid): Promise<StepSeries[]> {
    const v = await this.eval(e, g);
    if (v.type !== 'vector') throw new QueryError('execution', `expected instant vector argument`);
    return v.series;
  }

  stringArg(e: Expr): string {
    const u = unwrapParens(e);
    if (u.kind !== 'string') throw new QueryError('execution', 'expected string argument');
    return u.value;
  }

  private call(e: Call, g: Grid): Promise<Value> {
    const call = FUNCTION_CALLS.get(e.func.name);
    if (!call) throw new QueryError('execution', `function ${JSON.stringify(e.func.name)} is not supported`);
    return call(this, e, g);
  }

  private async aggregate(e: AggregateExpr, g: Grid): Promise<Value> {
    let param: Float64Array | string | undefined;
    if (e.param) param = e.op === 'count_values' ? this.stringArg(e.param) : await this.scalarArg(e.param, g);
    const inner = unwrapParens(e.expr);
    if (foldsSeries(e.op)) {
      const each = this.floatStream(inner, g);
      if (each) return this.fold(e, param, g, each);
    }
    const input = await this.vectorArg(e.expr, g);
    return { type: 'vector', series: await aggregate(e, input, param, g.n, this.ctx.annos, this.ctx.checkpoint) };
  }

  /**
   * The series of a selector or of a range function over a selector, handed
   * out one at a time as they are made, when they can be only floats;
   * undefined for any other expression.
   */
  private floatStream(e: Expr, g: Grid): ((sink: (s: StepSeries) => void) => Promise<void>) | undefined {
    const floatsOnly = (sel: VectorSelector) => (this.ctx.data.get(sel) ?? []).every((s) => !s.mayHaveHistograms);
    if (e.kind === 'vectorSelector') return e.mode !== 'smoothed' && floatsOnly(e) ? (sink) => this.eachSelected(e, g, 'value', sink) : undefined;
    if (e.kind !== 'call') return undefined;
    const stream = RANGE_STREAMS.get(e.func.name);
    const m = stream && unwrapParens(e.args[e.func.argTypes.indexOf('matrix')]);
    return m?.kind === 'matrixSelector' && floatsOnly(m.selector) ? (sink) => stream!(this, e, g, sink) : undefined;
  }

  /**
   * An aggregation whose input series are folded in as they are made and
   * dropped: memory of the groups' steps, not of every series' (a sum of
   * rates over 800,000 series at 250 steps held 1.8 GB of input). The series
   * come in the order the whole input would hold them, so every float is as
   * the whole-input path makes it.
   */
  private async fold(e: AggregateExpr, param: Float64Array | string | undefined, g: Grid, each: (sink: (s: StepSeries) => void) => Promise<void>): Promise<Value> {
    await this.ctx.checkpoint();
    const fold = seriesFold(e, param, g.n, this.ctx.annos);
    const t0 = performance.now();
    let series = 0;
    let samples = 0;
    // The producer's meter has counted the points for the limit already; they are counted again only for explain.
    const explain = this.ctx.onNode !== undefined;
    await each((s) => {
      series++;
      if (explain) samples += countPoints(s);
      fold.add(s);
    });
    this.ctx.onNode?.(e.expr, { series, samples, ms: performance.now() - t0 });
    return { type: 'vector', series: fold.finish() };
  }

  private async binary(e: BinaryExpr, g: Grid): Promise<Value> {
    const l = await this.eval(e.lhs, g);
    const r = await this.eval(e.rhs, g);
    if (l.type === 'scalar' && r.type === 'scalar') return { type: 'scalar', vals: scalarBinop(e.op, l.vals, r.vals, e.returnBool) };
    const note = (n: BinopNote) => (n.warn ? this.ctx.annos.warn(n.msg, e.pos) : this.ctx.annos.info(n.msg, e.pos));
    if (l.type === 'vector' && r.type === 'scalar') return { type: 'vector', series: await vectorScalarBinop(e.op, l.series, r.vals, false, e.returnBool, this.ctx.checkpoint, note) };
    if (l.type === 'scalar' && r.type === 'vector') return { type: 'vector', series: await vectorScalarBinop(e.op, r.series, l.vals, true, e.returnBool, this.ctx.checkpoint, note) };
    if (l.type !== 'vector' || r.type !== 'vector') throw new QueryError('execution', 'binary expression must contain only scalar and instant vector types');
    const m = e.matching ?? { card: 'one-to-one', on: false, labels: [], include: [] };
    if (e.op === 'and' || e.op === 'or' || e.op === 'unless') return { type: 'vector', series: await setBinop(e.op, l.series, r.series, m, g.n, this.ctx.checkpoint) };
    return { type: 'vector', series: await vectorBinop(e.op, l.series, r.series, m, e.returnBool, g.n, this.ctx.checkpoint, note) };
  }
}

const NO_SAMPLES: SeriesData = { labels: Labels.EMPTY, ts: new Float64Array(0), vs: new Float64Array(0) };

/** A series' samples (start times, histograms) without stale markers; the arrays themselves when it has none. */
function withoutStale(s: SeriesData): RangeSamples {
  let stale = 0;
  for (let k = 0; k < s.vs.length; k++) if (isStaleNaN(s.vs[k])) stale++;
  const hsIn = s.hs;
  if (stale === 0) return hsIn === undefined ? { ts: s.ts, vs: s.vs, st: s.st } : { ts: s.ts, vs: s.vs, st: s.st, hs: hsIn.map((h) => (h === undefined ? undefined : histogramSample(h))) };
  const n = s.ts.length - stale;
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  const from = s.st;
  const st = from === undefined ? undefined : new Float64Array(n);
  const hs: RangeSamples['hs'] = hsIn === undefined ? undefined : new Array(n);
  let w = 0;
  for (let k = 0; k < s.vs.length; k++) {
    if (isStaleNaN(s.vs[k])) continue;
    ts[w] = s.ts[k];
    if (st !== undefined && from !== undefined) st[w] = from[k];
    if (hs !== undefined) {
      const h = hsIn![k];
      hs[w] = h === undefined ? undefined : histogramSample(h);
    }
    vs[w++] = s.vs[k];
  }
  return hs === undefined ? { ts, vs, st } : { ts, vs, st, hs };
}

/**
 * A subquery's histograms lose their counter-reset hints, as evalSubquery
 * does: its steps may skip the sample a hint was about, or repeat it, so
 * resets are found again by comparing buckets, as for floats.
 */
function unknownResetHint(h: FloatHistogram | undefined): FloatHistogram | undefined {
  if (h === undefined || (h.counterResetHint !== CounterResetHint.CounterReset && h.counterResetHint !== CounterResetHint.NotCounterReset)) return h;
  const c = h.copy();
  c.counterResetHint = CounterResetHint.Unknown;
  return c;
}
