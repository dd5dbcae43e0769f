// The inverted index: for each label name and value, the ascending refs of
// the series carrying it. Resolves matchers as Prometheus's
// PostingsForMatchers (tsdb/querier.go): matchers that accept the empty
// string also select series without the label, so they subtract rather than
// intersect.

import type { Labels } from '../model/labels';
import type { Matcher } from '../model/matcher';
import { listedValues, valuePredicate } from './regexFastPath';

export type RefList = Uint32Array;

/**
 * One label value's refs, ascending: a JS array while short, then a
 * Uint32Array whose element 0 is the count and the rest refs and room. On
 * 64-bit Node a JS array holds a ref in 8 bytes plus a quarter unused, a
 * Uint32Array in 4 plus an eighth; but a typed array's own objects cost
 * ~180 bytes, more than a short list's refs.
 */
type List = number[] | Uint32Array;

/** Length at which a list moves to a Uint32Array. */
const TYPED_FROM = 64;

const EMPTY_VALUES: ReadonlyMap<string, ArrayLike<number>> = new Map();
const EMPTY_REFS: ArrayLike<number> = new Uint32Array(0);

export class Postings {
  private readonly byName = new Map<string, Map<string, List>>();
  private all: List = [];

  /** Indexes a series; refs normally arrive ascending, so lists stay sorted by appending. */
  add(ref: number, labels: Labels): void {
    this.index(ref, labels, inserted);
  }

  /**
   * Indexes a series as `add` does, for many series arriving in ref order
   * (reopening storage): lists stay plain arrays, pushed to, until `settle`
   * makes each long one a typed array of its exact length. Growing typed
   * lists by an eighth at a time allocated about nine times their final
   * size. The lists are correct in between, only roomier.
   */
  addInBulk(ref: number, labels: Labels): void {
    this.index(ref, labels, appended);
  }

  /** Puts ref in the list of all series and of each of its label pairs, `withRef` giving each list with it. */
  private index(ref: number, labels: Labels, withRef: (list: List, ref: number) => List): void {
    this.all = withRef(this.all, ref);
    const flat = labels.flat();
    for (let i = 0; i < flat.length; i += 2) {
      let values = this.byName.get(flat[i]);
      if (!values) this.byName.set(flat[i], (values = new Map()));
      const list = values.get(flat[i + 1]);
      if (list === undefined) values.set(flat[i + 1], [ref]);
      else {
        const next = withRef(list, ref);
        if (next !== list) values.set(flat[i + 1], next);
      }
    }
  }

  /** Makes the lists `addInBulk` left as long plain arrays typed arrays of their exact length. */
  settle(): void {
    this.all = settled(this.all);
    for (const values of this.byName.values()) {
      for (const [v, list] of values) if (Array.isArray(list) && list.length >= TYPED_FROM) values.set(v, settled(list));
    }
  }

  /** Drops series from every list (head garbage collection). */
  remove(refs: ReadonlySet<number>, labelsOf: (ref: number) => Labels): void {
    if (refs.size === 0) return;
    this.all = kept(this.all, refs);
    const touched = new Map<string, Set<string>>();
    for (const ref of refs) {
      labelsOf(ref).forEach((n, v) => {
        let vs = touched.get(n);
        if (!vs) touched.set(n, (vs = new Set()));
        vs.add(v);
      });
    }
    for (const [name, vs] of touched) {
      const values = this.byName.get(name);
      if (!values) continue;
      for (const v of vs) {
        const list = values.get(v);
        const left = list === undefined ? [] : kept(list, refs);
        if (left.length === 0) values.delete(v);
        else values.set(v, left);
      }
      if (values.size === 0) this.byName.delete(name);
    }
  }

  get numSeries(): number {
    return count(this.all);
  }

  labelNames(): string[] {
    return [...this.byName.keys()];
  }

  labelValues(name: string): string[] {
    const values = this.byName.get(name);
    return values ? [...values.keys()] : [];
  }

  /** Each value of one label with its refs, ascending: views of the index's own lists as they are now, not copies. */
  valueLists(name: string): ReadonlyMap<string, ArrayLike<number>> {
    const values = this.byName.get(name);
    if (values === undefined) return EMPTY_VALUES;
    const out = new Map<string, ArrayLike<number>>();
    for (const [v, list] of values) out.set(v, refsOf(list));
    return out;
  }

  /** Number of series per value of one label, in insertion order; no map of them is built (800,000 values make one costly). */
  forEachValueCount(name: string, fn: (value: string, count: number) => void): void {
    this.byName.get(name)?.forEach((list, v) => fn(v, count(list)));
  }

  /** Each label name with its number of distinct values. */
  nameCardinalities(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [n, values] of this.byName) out.set(n, values.size);
    return out;
  }

  /** Refs of the series every matcher accepts, ascending. */
  resolve(matchers: readonly Matcher[]): RefList {
    // Lists here may be the index's own (views, not copies); what is returned is always an array of its own.
    const its: ArrayLike<number>[] = [];
    const notIts: ArrayLike<number>[] = [];
    for (const m of matchers) {
      if (m.matchesEmpty()) {
        const rejected = this.valuesWhere(m, false);
        if (rejected.length > 0) notIts.push(rejected);
      } else {
        const accepted = this.valuesWhere(m, true);
        if (accepted.length === 0) return new Uint32Array(0);
        its.push(accepted);
      }
    }
    let out: RefList;
    if (its.length === 0) out = Uint32Array.from(refsOf(this.all));
    else {
      its.sort((a, b) => a.length - b.length);
      out = its.length === 1 ? Uint32Array.from(its[0]) : intersect(its[0], its[1]);
      for (let i = 2; i < its.length && out.length > 0; i++) out = intersect(out, its[i]);
    }
    for (const n of notIts) out = subtract(out, n);
    return out;
  }

  /** Union of the lists whose value the matcher accepts (want=true) or rejects (want=false); a single list is the index's own. */
  private valuesWhere(m: Matcher, want: boolean): ArrayLike<number> {
    const values = this.byName.get(m.name);
    if (!values) return EMPTY_REFS;
    const lists: ArrayLike<number>[] = [];
    // `=`/`=~set` list what they accept; `!=`/`!~set` list what they reject.
    const positive = m.type === '=' || m.type === '=~';
    const listed = positive === want ? listedValues(m) : undefined;
    if (listed) {
      for (const v of listed) {
        const l = values.get(v);
        if (l) lists.push(refsOf(l));
      }
    } else {
      const pred = valuePredicate(m);
      for (const [v, l] of values) if (pred(v) === want) lists.push(refsOf(l));
    }
    return lists.length === 1 ? lists[0] : union(lists);
  }
}

function count(list: List): number {
  return Array.isArray(list) ? list.length : list[0];
}

function refsOf(list: List): ArrayLike<number> {
  return Array.isArray(list) ? list : list.subarray(1, 1 + list[0]);
}

/** The list with ref added in order (no-op when present): the same list, or a new one when it moved or grew. */
function inserted(list: List, ref: number): List {
  if (Array.isArray(list)) {
    insertSorted(list, ref);
    if (list.length < TYPED_FROM) return list;
    const typed = new Uint32Array(1 + list.length + (list.length >> 3));
    typed[0] = list.length;
    typed.set(list, 1);
    return typed;
  }
  const n = list[0];
  let at = n + 1;
  if (list[n] >= ref) {
    at = lowerBound(list, 1, n + 1, ref);
    if (list[at] === ref) return list;
  }
  let out = list;
  if (n + 1 === list.length) {
    out = new Uint32Array(n + 1 + (n >> 3) + 8);
    out.set(list);
  }
  out.copyWithin(at + 1, at, n + 1);
  out[at] = ref;
  out[0] = n + 1;
  return out;
}

/** The list with ref added: pushed to a plain array of any length when it comes last, else as `inserted` adds it. */
function appended(list: List, ref: number): List {
  if (Array.isArray(list) && (list.length === 0 || list[list.length - 1] < ref)) {
    list.push(ref);
    return list;
  }
  return inserted(list, ref);
}

/** The list in the form its length calls for, with no room. */
function settled(list: List): List {
  if (!Array.isArray(list) || list.length < TYPED_FROM) return list;
  const typed = new Uint32Array(1 + list.length);
  typed[0] = list.length;
  typed.set(list, 1);
  return typed;
}

function lowerBound(a: Uint32Array, lo: number, hi: number, ref: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < ref) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The list without the refs in `drop`, in the form its new length calls for, with no room. */
function kept(list: List, drop: ReadonlySet<number>): List {
  const refs = refsOf(list);
  const out: number[] = [];
  for (let i = 0; i < refs.length; i++) if (!drop.has(refs[i])) out.push(refs[i]);
  return settled(out);
}

function insertSorted(list: number[], ref: number): void {
  const n = list.length;
  if (n === 0 || list[n - 1] < ref) {
    list.push(ref);
    return;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < ref) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== ref) list.splice(lo, 0, ref);
}

/** Lists of one label's values are disjoint, so a sort of the concatenation is their union. */
function union(lists: ArrayLike<number>[]): RefList {
  let total = 0;
  for (const l of lists) total += l.length;
  const out = new Uint32Array(total);
  let o = 0;
  for (const l of lists) {
    out.set(l, o);
    o += l.length;
  }
  return out.sort();
}

/** Refs in both; a short list against a long one (a metric name against a small label value) looks each ref up rather than walking the long one. */
function intersect(a: ArrayLike<number>, b: ArrayLike<number>): RefList {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Uint32Array(a.length);
  let o = 0;
  if (a.length * 16 < b.length) {
    let lo = 0;
    for (let i = 0; i < a.length && lo < b.length; i++) {
      const ref = a[i];
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b[mid] < ref) lo = mid + 1;
        else hi = mid;
      }
      if (b[lo] === ref) out[o++] = ref;
    }
    return out.subarray(0, o);
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out[o++] = a[i];
      i++;
      j++;
    }
  }
  return out.subarray(0, o);
}

function subtract(a: RefList, b: ArrayLike<number>): RefList {
  const out = new Uint32Array(a.length);
  let j = 0;
  let o = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j < b.length && b[j] === a[i]) continue;
    out[o++] = a[i];
  }
  return out.subarray(0, o);
}
