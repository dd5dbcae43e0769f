// Values flowing between evaluator nodes. A series carries all steps of the
// query at once (values plus a presence mask), so a range query evaluates each
// node once rather than once per step.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Labels } from '../model/labels';
import { float64Slab, uint8Slab } from '../model/slab';
import { QueryError } from './errors';

/** Evaluation times start + i·step for i in [0, n). */
export interface Grid {
  start: number;
  step: number;
  n: number;
}

export function gridTime(g: Grid, i: number): number {
  return g.start + i * g.step;
}

/** An instant-vector series across the grid; `has[i]` says whether step i has a sample. */
export interface StepSeries {
  labels: Labels;
  vals: Float64Array;
  has: Uint8Array;
  /** Steps whose sample is a native histogram (vals is 0 there); left out when none is. */
  hs?: (FloatHistogram | undefined)[];
  /** Prometheus's delayed name removal: `__name__` goes when the query finishes. */
  dropName: boolean;
}

/**
 * A range-vector series, its samples read when a function gets to it: a
 * function finishes with one series' samples before reading the next, whose
 * read may reuse their arrays.
 */
export interface RangeSeries {
  labels: Labels;
  dropName: boolean;
  /** At least as many samples as read returns, known without reading. */
  sampleBound: number;
  read(): RangeSamples;
}

/** A range-vector series' raw samples, stale markers removed. */
export interface RangeSamples {
  ts: Float64Array;
  vs: Float64Array;
  /** Start times aligned with ts; only a matrix selector passes them on, never a subquery. */
  st?: Float64Array;
  /** Native histogram samples aligned with ts (vs is 0 there); left out when none is. */
  hs?: (FloatHistogram | undefined)[];
}

export interface ScalarValue {
  type: 'scalar';
  vals: Float64Array;
}

export interface VectorValue {
  type: 'vector';
  series: StepSeries[];
}

/** Range vectors with, per step, the window (start, end] each function looks at. */
export interface MatrixValue {
  type: 'matrix';
  series: RangeSeries[];
  start: Float64Array;
  end: Float64Array;
  range: number;
  /** Extended range selectors: each window also holds one lookback before (and, smoothed, after) it. */
  mode?: 'anchored' | 'smoothed';
}

export interface StringValue {
  type: 'string';
  value: string;
}

export type Value = ScalarValue | VectorValue | MatrixValue | StringValue;

/** A range query makes a step series per input series at every node, so its columns come from slabs. */
export function newStepSeries(labels: Labels, n: number, dropName = false): StepSeries {
  return { labels, vals: float64Slab.take(n), has: uint8Slab.take(n), dropName };
}

/** The grid's step times, once per grid. */
export function gridTimes(g: Grid): Float64Array {
  const ts = new Float64Array(g.n);
  for (let i = 0; i < g.n; i++) ts[i] = g.start + i * g.step;
  return ts;
}

/**
 * A step series as samples: the times and values of the steps it has, copied
 * run by run (a series is mostly present over one or two long runs of steps).
 */
export function presentSamples(s: StepSeries, times: Float64Array): { ts: Float64Array; vs: Float64Array; hs?: StepSeries['hs'] } {
  const { has, vals } = s;
  const n = has.length;
  // The runs are found with the typed array's own indexOf, far faster than a loop over steps.
  let c = 0;
  for (let i = has.indexOf(1); i >= 0 && i < n; ) {
    const j = endOfRun(has, i);
    c += j - i;
    i = has.indexOf(1, j);
  }
  const ts = float64Slab.take(c);
  const vs = float64Slab.take(c);
  let w = 0;
  for (let i = has.indexOf(1); i >= 0 && i < n; ) {
    const j = endOfRun(has, i);
    ts.set(times.subarray(i, j), w);
    vs.set(vals.subarray(i, j), w);
    w += j - i;
    i = has.indexOf(1, j);
  }
  if (s.hs === undefined) return { ts, vs };
  const hs: StepSeries['hs'] = [];
  for (let i = 0; i < n; i++) if (has[i]) hs.push(s.hs[i]);
  return { ts, vs, hs };
}

function endOfRun(has: Uint8Array, i: number): number {
  const j = has.indexOf(0, i);
  return j < 0 ? has.length : j;
}

export function countPoints(s: StepSeries): number {
  let c = 0;
  for (let i = 0; i < s.has.length; i++) c += s.has[i];
  return c;
}

/** Throws when the query is cancelled or past its deadline; may yield to the event loop. Long loops call it now and then. */
export type Tick = () => Promise<void>;

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
    if (prev.hs !== undefined || s.hs !== undefined) merged.hs = prev.hs?.slice() ?? new Array(prev.has.length);
    for (let i = 0; i < s.has.length; i++) {
      if (!s.has[i]) continue;
      merged.vals[i] = s.vals[i];
      merged.has[i] = 1;
      if (merged.hs !== undefined) merged.hs[i] = s.hs?.[i];
    }
    byKey.set(key, merged);
    out[out.indexOf(prev)] = merged;
  }
  return out;
}
