// Binary operators where a side is a native histogram, and the trim operators
// whatever the sides, as the histogram and trim cases of Prometheus's
// vectorElemBinop: histogram ± histogram, histogram * and / by a float,
// histogram </ and >/ a float, == and != between histograms; every other
// pairing (a trim between two floats too) gives no sample and an
// "incompatible sample types" info.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import type { BinaryOp } from './parser/ast';

/** An annotation the operation raised: a warning or an info. */
export interface BinopNote {
  warn: boolean;
  msg: string;
}

/**
 * vectorElemBinop's results: `err` is what Go returns as its error (the
 * sample is dropped by vector/vector matching, and by vector/scalar unless it
 * is a warning), `info` rides along with a kept sample.
 */
export interface HistogramElem {
  v: number;
  h: FloatHistogram | undefined;
  keep: boolean;
  err?: BinopNote;
  info?: BinopNote;
}

const incompatibleTypes = (l: string, op: BinaryOp, r: string): BinopNote => ({ warn: false, msg: `incompatible sample types encountered for binary operator ${JSON.stringify(op)}: ${l} ${op} ${r}` });

/** One step's operation; at least one of lh and rh is a histogram, or op is a trim operator. */
export function histogramElemBinop(op: BinaryOp, l: number, r: number, lh: FloatHistogram | undefined, rh: FloatHistogram | undefined): HistogramElem {
  if (lh === undefined && rh === undefined) return { v: 0, h: undefined, keep: false, err: incompatibleTypes('float', op, 'float') };
  if (lh === undefined && rh !== undefined) {
    if (op === '*') return { v: 0, h: rh.copy().mul(l).compact(0), keep: true };
    return { v: 0, h: undefined, keep: false, err: incompatibleTypes('float', op, 'histogram') };
  }
  if (lh !== undefined && rh === undefined) {
    if (op === '*') return { v: 0, h: lh.copy().mul(r).compact(0), keep: true };
    if (op === '/') return { v: 0, h: lh.copy().div(r).compact(0), keep: true };
    // trimBuckets changes its receiver, and lh may be shared with other steps or series.
    if (op === '</' || op === '>/') return { v: 0, h: lh.copy().trimBuckets(r, op === '</'), keep: true };
    return { v: 0, h: undefined, keep: false, err: incompatibleTypes('histogram', op, 'float') };
  }
  const a = lh!;
  const b = rh!;
  switch (op) {
    case '+':
    case '-': {
      const res = a.copy();
      const o = op === '+' ? res.add(b) : res.sub(b);
      if (o.err) return { v: 0, h: undefined, keep: false, err: { warn: true, msg: `incompatible bucket layout encountered for binary operator ${op}` } };
      // A difference of counters is no counter.
      if (op === '-') res.counterResetHint = CounterResetHint.Gauge;
      const what = op === '+' ? 'addition' : 'subtraction';
      const out: HistogramElem = { v: 0, h: res.compact(0), keep: true };
      if (o.counterResetCollision) out.err = { warn: true, msg: `conflicting counter resets during histogram ${what}` };
      if (o.nhcbBoundsReconciled) out.info = { warn: false, msg: `mismatched custom buckets were reconciled during ${what}` };
      return out;
    }
    case '==':
      return { v: 0, h: a, keep: a.equals(b) };
    case '!=':
      return { v: 0, h: a, keep: !a.equals(b) };
    default:
      return { v: 0, h: undefined, keep: false, err: incompatibleTypes('histogram', op, 'histogram') };
  }
}
