// stddev_over_time and stdvar_over_time over four steps' windows at once.
// Each window's compensated Welford sum (rangeFunctions.ts's variance) is one
// long chain of dependent operations with a division in it, so one window at
// a time leaves the CPU waiting; four independent windows interleaved in one
// loop keep it busy. Each window still sees its own samples in its own order,
// so every float is the plain form's.

import { kahanComp } from '../model/kahanSum';

export const LANES = 4;

/** mean, its compensation, aux and its compensation, per lane. */
const state = new Float64Array(4 * LANES);

/**
 * The variance of the windows [los[i+j], his[i+j]) for j < LANES into out[j]
 * (NaN for an empty window or a step past the end).
 */
export function varianceLanes(vs: Float64Array, los: Int32Array, his: Int32Array, i: number, out: Float64Array): void {
  state.fill(0);
  let common = Infinity;
  for (let j = 0; j < LANES; j++) common = Math.min(common, i + j < los.length ? his[i + j] - los[i + j] : 0);
  if (common > 0) {
    const l0 = los[i];
    const l1 = los[i + 1];
    const l2 = los[i + 2];
    const l3 = los[i + 3];
    let m0 = 0, c0 = 0, a0 = 0, x0 = 0, m1 = 0, c1 = 0, a1 = 0, x1 = 0;
    let m2 = 0, c2 = 0, a2 = 0, x2 = 0, m3 = 0, c3 = 0, a3 = 0, x3 = 0;
    for (let k = 0; k < common; k++) {
      const n = k + 1;
      let f = vs[l0 + k];
      let delta = f - (m0 + c0);
      let d = delta / n;
      let t = m0 + d;
      c0 = kahanComp(m0, d, t, c0);
      m0 = t;
      let a = delta * (f - (m0 + c0));
      t = a0 + a;
      x0 = kahanComp(a0, a, t, x0);
      a0 = t;
      f = vs[l1 + k];
      delta = f - (m1 + c1);
      d = delta / n;
      t = m1 + d;
      c1 = kahanComp(m1, d, t, c1);
      m1 = t;
      a = delta * (f - (m1 + c1));
      t = a1 + a;
      x1 = kahanComp(a1, a, t, x1);
      a1 = t;
      f = vs[l2 + k];
      delta = f - (m2 + c2);
      d = delta / n;
      t = m2 + d;
      c2 = kahanComp(m2, d, t, c2);
      m2 = t;
      a = delta * (f - (m2 + c2));
      t = a2 + a;
      x2 = kahanComp(a2, a, t, x2);
      a2 = t;
      f = vs[l3 + k];
      delta = f - (m3 + c3);
      d = delta / n;
      t = m3 + d;
      c3 = kahanComp(m3, d, t, c3);
      m3 = t;
      a = delta * (f - (m3 + c3));
      t = a3 + a;
      x3 = kahanComp(a3, a, t, x3);
      a3 = t;
    }
    state.set([m0, c0, a0, x0, m1, c1, a1, x1, m2, c2, a2, x2, m3, c3, a3, x3]);
  } else {
    common = 0;
  }
  for (let j = 0; j < LANES; j++) {
    if (i + j >= los.length || his[i + j] <= los[i + j]) {
      out[j] = NaN;
      continue;
    }
    out[j] = varianceFrom(vs, los[i + j], his[i + j], los[i + j] + common, state[4 * j], state[4 * j + 1], state[4 * j + 2], state[4 * j + 3]);
  }
}

/**
 * The compensated Welford variance of vs[lo, hi) (Prometheus's
 * varianceOverTime), continuing from sample `from` with the running sums so
 * far; from lo, they are all 0.
 */
export function varianceFrom(vs: Float64Array, lo: number, hi: number, from: number, mean = 0, cMean = 0, aux = 0, cAux = 0): number {
  for (let i = from; i < hi; i++) {
    const f = vs[i];
    const delta = f - (mean + cMean);
    const d = delta / (i - lo + 1);
    let t = mean + d;
    cMean = kahanComp(mean, d, t, cMean);
    mean = t;
    const a = delta * (f - (mean + cMean));
    t = aux + a;
    cAux = kahanComp(aux, a, t, cAux);
    aux = t;
  }
  return (aux + cAux) / (hi - lo);
}
