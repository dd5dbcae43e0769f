// Binary operators over whole-grid values: scalar/scalar, vector/scalar and
// vector/vector with on/ignoring/group_left/group_right matching, plus the set
// operators, as Prometheus's VectorBinop, VectorscalarBinop, VectorAnd/Or/Unless.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { METRIC_NAME, type Labels } from '../model/labels';
import { COMPARISON_OPS, TRIM_OPS, type BinaryOp, type VectorMatching } from './parser/ast';
import { QueryError } from './errors';
import { METADATA_LABELS } from './metadataLabels';
import { histogramElemBinop, type BinopNote } from './histogramBinop';
import { newStepSeries, type StepSeries, type Tick } from './value';

/** Where an operation's annotations go (the binary expression's position is the caller's). */
export type Note = (n: BinopNote) => void;

/** Go's math.Pow where it differs from `**` (1^NaN and (-1)^±Inf are 1). */
function goPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return x ** y;
}

/** The value and whether to keep it, as vectorElemBinop for floats. */
export function elemBinop(op: BinaryOp, l: number, r: number): [number, boolean] {
  switch (op) {
    case '+':
      return [l + r, true];
    case '-':
      return [l - r, true];
    case '*':
      return [l * r, true];
    case '/':
      return [l / r, true];
    case '%':
      return [l % r, true];
    case '^':
      return [goPow(l, r), true];
    case 'atan2':
      return [Math.atan2(l, r), true];
    case '==':
      return [l, l === r];
    case '!=':
      return [l, l !== r];
    case '>':
      return [l, l > r];
    case '<':
      return [l, l < r];
    case '>=':
      return [l, l >= r];
    case '<=':
      return [l, l <= r];
    default:
      throw new QueryError('execution', `operator ${JSON.stringify(op)} not allowed for Scalar operations`);
  }
}

/** Arithmetic changes what the sample measures, so the metric name goes; a trim keeps it, as a filter does (changesMetricSchema). */
export function changesMetricSchema(op: BinaryOp): boolean {
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case '^':
    case 'atan2':
      return true;
    default:
      return false;
  }
}

export function scalarBinop(op: BinaryOp, a: Float64Array, b: Float64Array, returnBool: boolean): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const [v, keep] = elemBinop(op, a[i], b[i]);
    out[i] = COMPARISON_OPS.has(op) && returnBool ? (keep ? 1 : 0) : v;
  }
  return out;
}

export async function vectorScalarBinop(
  op: BinaryOp,
  vec: StepSeries[],
  scalar: Float64Array,
  scalarOnLeft: boolean,
  returnBool: boolean,
  tick: Tick,
  note: Note,
): Promise<StepSeries[]> {
  const out: StepSeries[] = [];
  const dropName = changesMetricSchema(op) || returnBool;
  const comparison = COMPARISON_OPS.has(op);
  const trim = TRIM_OPS.has(op);
  for (let k = 0; k < vec.length; k++) {
    if ((k & 1023) === 1023) await tick();
    const s = vec[k];
    // A trim between floats yields nothing but an info, which only the histogram path raises.
    if (s.hs !== undefined || trim) {
      const r = histogramScalarSeries(op, s, scalar, scalarOnLeft, returnBool, s.dropName || dropName, note);
      if (r) out.push(r);
      continue;
    }
    const r = newStepSeries(s.labels, s.vals.length, s.dropName || dropName);
    let any = false;
    for (let i = 0; i < s.vals.length; i++) {
      if (!s.has[i]) continue;
      const l = scalarOnLeft ? scalar[i] : s.vals[i];
      const rv = scalarOnLeft ? s.vals[i] : scalar[i];
      let [v, keep] = elemBinop(op, l, rv);
      // The vector's own value is the result even when the scalar is on the left.
      if (comparison && scalarOnLeft) v = rv;
      if (returnBool) {
        v = keep ? 1 : 0;
        keep = true;
      }
      if (keep) {
        r.vals[i] = v;
        r.has[i] = 1;
        any = true;
      }
    }
    if (any) out.push(r);
  }
  return out;
}

/** vectorScalarBinop over a series holding histograms, or under a trim operator, kept apart so the float loop checks nothing per step (VectorscalarBinop). */
function histogramScalarSeries(op: BinaryOp, s: StepSeries, scalar: Float64Array, scalarOnLeft: boolean, returnBool: boolean, dropName: boolean, note: Note): StepSeries | undefined {
  const r = newStepSeries(s.labels, s.vals.length, dropName);
  const hs: StepSeries['hs'] = new Array(s.vals.length);
  const comparison = COMPARISON_OPS.has(op);
  const trim = TRIM_OPS.has(op);
  let any = false;
  for (let i = 0; i < s.vals.length; i++) {
    if (!s.has[i]) continue;
    const sh = s.hs?.[i];
    let v: number;
    let h: FloatHistogram | undefined;
    let keep: boolean;
    if (sh === undefined && !trim) {
      [v, keep] = elemBinop(op, scalarOnLeft ? scalar[i] : s.vals[i], scalarOnLeft ? s.vals[i] : scalar[i]);
      if (comparison && scalarOnLeft) v = s.vals[i];
      h = undefined;
    } else {
      const e = scalarOnLeft ? histogramElemBinop(op, scalar[i], s.vals[i], undefined, sh) : histogramElemBinop(op, s.vals[i], scalar[i], sh, undefined);
      // Errors drop the sample; a warning does not (and is not raised here, as in Prometheus).
      if (e.err !== undefined && !e.err.warn) {
        note(e.err);
        continue;
      }
      ({ v, h, keep } = e);
      if (comparison && scalarOnLeft) h = sh;
    }
    if (returnBool) {
      v = keep ? 1 : 0;
      keep = true;
    }
    if (!keep) continue;
    r.vals[i] = v;
    hs[i] = h;
    r.has[i] = 1;
    any = true;
  }
  if (!any) return undefined;
  r.hs = hs;
  return r;
}

/** The join key: the `on` labels, or all but `ignoring` labels and the metric name (signatureFunc). */
function signature(l: Labels, m: VectorMatching): string {
  return m.on ? l.keep(m.labels).key() : l.without(METRIC_NAME, ...m.labels).key();
}

function matchLabels(l: Labels, m: VectorMatching): Labels {
  return m.on ? l.keep(m.labels) : l.without(METRIC_NAME, ...m.labels);
}

/** Union of presence per join key, for the set operators. */
async function presenceBySig(series: StepSeries[], m: VectorMatching, n: number, tick: Tick): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (let k = 0; k < series.length; k++) {
    if ((k & 1023) === 1023) await tick();
    const s = series[k];
    const sig = signature(s.labels, m);
    let u = out.get(sig);
    if (!u) out.set(sig, (u = new Uint8Array(n)));
    for (let i = 0; i < n; i++) u[i] |= s.has[i];
  }
  return out;
}

function masked(s: StepSeries, keep: (i: number) => boolean): StepSeries | undefined {
  const has = new Uint8Array(s.has.length);
  let any = false;
  for (let i = 0; i < has.length; i++) {
    if (s.has[i] && keep(i)) {
      has[i] = 1;
      any = true;
    }
  }
  return any ? { ...s, has } : undefined;
}

export async function setBinop(op: 'and' | 'or' | 'unless', lhs: StepSeries[], rhs: StepSeries[], m: VectorMatching, n: number, tick: Tick): Promise<StepSeries[]> {
  const out: StepSeries[] = [];
  if (op === 'or') {
    const left = await presenceBySig(lhs, m, n, tick);
    out.push(...lhs);
    for (let k = 0; k < rhs.length; k++) {
      if ((k & 1023) === 1023) await tick();
      const s = rhs[k];
      const u = left.get(signature(s.labels, m));
      const r = u ? masked(s, (i) => !u[i]) : s;
      if (r) out.push(r);
    }
    return out;
  }
  const right = await presenceBySig(rhs, m, n, tick);
  for (let k = 0; k < lhs.length; k++) {
    if ((k & 1023) === 1023) await tick();
    const s = lhs[k];
    const u = right.get(signature(s.labels, m));
    const r = op === 'and' ? (u ? masked(s, (i) => u[i] === 1) : undefined) : u ? masked(s, (i) => !u[i]) : s;
    if (r) out.push(r);
  }
  return out;
}

/** Arithmetic and comparison between two vectors, one step at a time over shared join keys (VectorBinop). */
export async function vectorBinop(
  op: BinaryOp,
  lhsIn: StepSeries[],
  rhsIn: StepSeries[],
  m: VectorMatching,
  returnBool: boolean,
  n: number,
  tick: Tick,
  note: Note,
): Promise<StepSeries[]> {
  const fills = m.fillLeft !== undefined || m.fillRight !== undefined;
  if ((lhsIn.length === 0 && rhsIn.length === 0) || ((lhsIn.length === 0 || rhsIn.length === 0) && !fills)) return [];
  const swapped = m.card === 'one-to-many';
  const lhs = swapped ? rhsIn : lhsIn;
  const rhs = swapped ? lhsIn : rhsIn;

  // Join keys as ordinals, so per-step bookkeeping is array indexing.
  const sigOrd = new Map<string, number>();
  const ordOf = (l: Labels) => {
    const sig = signature(l, m);
    let o = sigOrd.get(sig);
    if (o === undefined) sigOrd.set(sig, (o = sigOrd.size));
    return o;
  };
  const rhsSig = Int32Array.from(rhs, (s) => ordOf(s.labels));
  const lhsSig = Int32Array.from(lhs, (s) => ordOf(s.labels));
  const rhsBySig: number[][] = Array.from({ length: sigOrd.size }, () => []);
  rhsSig.forEach((o, j) => rhsBySig[o].push(j));
  const crowded = rhsBySig.filter((g) => g.length > 1);

  /** Output series by result labels; step and sig of the last write detect duplicate matches. */
  interface Slot {
    metric: Labels;
    out: StepSeries | undefined;
    step: number;
    sig: number;
  }
  const slots = new Map<string, Slot>();
  const pairSlots = new Map<number, Slot>();
  const dropSchema = changesMetricSchema(op);
  const slotFor = (ls: Labels, rs: Labels): Slot => {
    const b = ls.builder();
    if (dropSchema) b.del(...METADATA_LABELS);
    if (m.card === 'one-to-one') {
      if (m.on) b.keep(...m.labels);
      else b.del(...m.labels);
    }
    for (const ln of m.include) b.set(ln, rs.get(ln));
    const metric = b.labels();
    const key = metric.key();
    let slot = slots.get(key);
    if (!slot) slots.set(key, (slot = { metric, out: undefined, step: -1, sig: -1 }));
    return slot;
  };
  // A left series nearly always meets the same right series at every step: remember the last pair.
  const lastJ = new Int32Array(lhs.length).fill(-1);
  const lastSlot: Slot[] = new Array<Slot>(lhs.length);
  const pairSlot = (k: number, j: number): Slot => {
    if (lastJ[k] === j) return lastSlot[k];
    const id = k * rhs.length + j;
    let slot = pairSlots.get(id);
    if (!slot) pairSlots.set(id, (slot = slotFor(lhs[k].labels, rhs[j].labels)));
    lastJ[k] = j;
    lastSlot[k] = slot;
    return slot;
  };

  const matchedStep = new Int32Array(sigOrd.size).fill(-1);
  const fillRight = m.fillRight;
  const fillLeft = m.fillLeft;
  let i = 0;
  const trim = TRIM_OPS.has(op);
  // A trim between floats yields nothing but an info, which only the histogram path raises.
  const withHistograms = trim || lhs.some((s) => s.hs !== undefined) || rhs.some((s) => s.hs !== undefined);
  const doBinop = (slot: Slot, lv: number, rv: number, sig: number, lh?: FloatHistogram, rh?: FloatHistogram) => {
    let value: number;
    let keep: boolean;
    let h: FloatHistogram | undefined;
    if (lh === undefined && rh === undefined && !trim) [value, keep] = swapped ? elemBinop(op, rv, lv) : elemBinop(op, lv, rv);
    else {
      const e = swapped ? histogramElemBinop(op, rv, lv, rh, lh) : histogramElemBinop(op, lv, rv, lh, rh);
      if (e.err !== undefined) {
        note(e.err);
        return;
      }
      if (e.info !== undefined) note(e.info);
      ({ v: value, keep, h } = e);
      if (returnBool) h = undefined;
    }
    if (m.card === 'one-to-one') {
      if (matchedStep[sig] === i) {
        throw new QueryError('execution', 'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      }
    } else if (slot.step === i && slot.sig === sig) {
      throw new QueryError('execution', 'multiple matches for labels: grouping labels must ensure unique matches');
    }
    matchedStep[sig] = i;
    slot.step = i;
    slot.sig = sig;
    if (!keep && !returnBool) return;
    slot.out ??= newStepSeries(slot.metric, n, returnBool);
    slot.out.vals[i] = returnBool ? (keep ? 1 : 0) : value;
    slot.out.has[i] = 1;
    if (h !== undefined) (slot.out.hs ??= new Array(n))[i] = h;
  };
  for (; i < n; i++) {
    await tick();
    for (const g of crowded) {
      const present = g.filter((j) => rhs[j].has[i]);
      if (present.length > 1) {
        const a = rhs[present[0]].labels;
        const b = rhs[present[1]].labels;
        let [d1, d2] = [b.toString(), a.toString()];
        if (d1 > d2) [d1, d2] = [d2, d1];
        throw new QueryError(
          'execution',
          `found duplicate series for the match group ${matchLabels(b, m).toString()} on the ${swapped ? 'left' : 'right'} hand-side of the operation: [${d1}, ${d2}];many-to-many matching not allowed: matching labels must be unique on one side`,
        );
      }
    }
    for (let k = 0; k < lhs.length; k++) {
      if ((k & 1023) === 1023) await tick();
      const ls = lhs[k];
      if (!ls.has[i]) continue;
      const group = rhsBySig[lhsSig[k]];
      const j = group.length === 1 ? (rhs[group[0]].has[i] ? group[0] : -1) : (group.find((x) => rhs[x].has[i]) ?? -1);
      if (j >= 0) {
        if (withHistograms) doBinop(pairSlot(k, j), ls.vals[i], rhs[j].vals[i], lhsSig[k], ls.hs?.[i], rhs[j].hs?.[i]);
        else doBinop(pairSlot(k, j), ls.vals[i], rhs[j].vals[i], lhsSig[k]);
      } else if (fillRight !== undefined) doBinop(slotFor(ls.labels, matchLabels(ls.labels, m)), ls.vals[i], fillRight, lhsSig[k], ls.hs?.[i]);
    }
    if (fillLeft === undefined) continue;
    for (let j = 0; j < rhs.length; j++) {
      const rs = rhs[j];
      if (!rs.has[i]) continue;
      const sig = rhsSig[j];
      if (matchedStep[sig] === i) continue;
      doBinop(slotFor(matchLabels(rs.labels, m), rs.labels), fillLeft, rs.vals[i], sig, undefined, rs.hs?.[i]);
    }
  }
  const out: StepSeries[] = [];
  for (const slot of slots.values()) if (slot.out) out.push(slot.out);
  return out;
}
