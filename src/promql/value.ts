// Values flowing between evaluator nodes. A series carries all steps of the
// query at once (values plus a presence mask), so a range query evaluates each
// node once rather than once per step.

import type { Labels } from '../model/labels';

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
  /** Prometheus's delayed name removal: `__name__` goes when the query finishes. */
  dropName: boolean;
}

/** A range-vector series: raw samples, stale markers removed. */
export interface RangeSeries {
  labels: Labels;
  ts: Float64Array;
  vs: Float64Array;
  /** Start times aligned with ts; only a matrix selector passes them on, never a subquery. */
  st?: Float64Array;
  dropName: boolean;
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

// A range query makes a step series per input series at every node; carving
// them from shared zeroed blocks saves two backing-store allocations each
// (newStepSeries was 10–15% of the scale bench's query time). Slices never
// overlap or get reused, and a block goes when its last series does.
const BLOCK = 1 << 15;
let valsBlock = new Float64Array(0);
let hasBlock = new Uint8Array(0);
let used = 0;

export function newStepSeries(labels: Labels, n: number, dropName = false): StepSeries {
  if (n > BLOCK >> 3) return { labels, vals: new Float64Array(n), has: new Uint8Array(n), dropName };
  if (used + n > valsBlock.length) {
    valsBlock = new Float64Array(BLOCK);
    hasBlock = new Uint8Array(BLOCK);
    used = 0;
  }
  const s = { labels, vals: valsBlock.subarray(used, used + n), has: hasBlock.subarray(used, used + n), dropName };
  used += n;
  return s;
}

export function countPoints(s: StepSeries): number {
  let c = 0;
  for (let i = 0; i < s.has.length; i++) c += s.has[i];
  return c;
}

/** Throws when the query is cancelled or past its deadline; may yield to the event loop. Long loops call it now and then. */
export type Tick = () => Promise<void>;
