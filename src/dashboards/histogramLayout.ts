// Where a native histogram's buckets go on an axis: each bucket's span as
// fractions of the axis by its boundaries, on a log scale when the bounds are
// all positive (exponential buckets are geometric, so every bucket of one
// schema gets the same height), linear otherwise. The query page's heatmap,
// its bucket bars and the dashboards' heatmap panel all place buckets here.

import type { HistogramJSON } from '../model/histogram/types';

/** One bucket as the HTTP API writes it, its numbers parsed. */
export interface Bucket {
  /** 0 open left, 1 open right, 2 open both, 3 closed both (Prometheus's boundaryRule). */
  rule: number;
  lower: number;
  upper: number;
  count: number;
}

/** Go's float text as the API writes it (`+Inf`, `-Inf`, `NaN`, `1e-05`). */
export function goFloat(s: string): number {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  return Number(s);
}

export function parseBuckets(h: HistogramJSON): Bucket[] {
  return (h.buckets ?? []).map(([rule, lower, upper, count]) => ({ rule, lower: goFloat(lower), upper: goFloat(upper), count: goFloat(count) }));
}

/** The zero bucket straddles 0 ([-zt, zt], or [0, 0] with a zero threshold of 0); every other bucket lies on one side of it. */
export function isZeroBucket(b: { lower: number; upper: number }): boolean {
  return b.lower <= 0 && b.upper >= 0 && Number.isFinite(b.lower) && Number.isFinite(b.upper);
}

export interface AxisLayout {
  scale: 'log' | 'linear';
  /** The finite range the scale spans; ±Inf bounds and the log scale's zero bucket get bands beyond it. */
  lo: number;
  hi: number;
  /** Fractions of the axis given to the band below lo and the band above hi (0 when nothing lies there). */
  bottom: number;
  top: number;
}

/**
 * The axis for a set of buckets. Log when every finite bound (the zero
 * bucket's aside) is above 0 and there are two or more of them; the zero
 * bucket then sits in a band below the lowest bound, as it holds values too
 * small for the log axis. A bucket reaching ±Inf (a custom-bucket
 * histogram's first and last) gets a band at that end.
 */
export function axisLayout(buckets: readonly { lower: number; upper: number }[]): AxisLayout {
  const others = new Set<number>();
  const zeroBounds: number[] = [];
  let below = false;
  let above = false;
  for (const b of buckets) {
    if (isZeroBucket(b)) {
      zeroBounds.push(b.lower, b.upper);
      continue;
    }
    if (b.lower === -Infinity) below = true;
    if (b.upper === Infinity) above = true;
    for (const v of [b.lower, b.upper]) if (Number.isFinite(v)) others.add(v);
  }
  const log = others.size >= 2 && [...others].every((v) => v > 0);
  const values = log ? [...others] : [...others, ...zeroBounds];
  const lo = values.length > 0 ? Math.min(...values) : 0;
  const hi = values.length > 0 ? Math.max(...values) : 1;
  const band = Math.min(0.15, Math.max(0.04, 1 / (buckets.length + 1)));
  return { scale: log ? 'log' : 'linear', lo, hi, bottom: below || (log && zeroBounds.length > 0) ? band : 0, top: above ? band : 0 };
}

/** Where a finite value falls on the axis, as a fraction (0 bottom or left, 1 top or right). */
export function axisFraction(a: AxisLayout, v: number): number {
  if (v === -Infinity) return 0;
  if (v === Infinity) return 1;
  const g = a.scale === 'log' ? Math.log10 : (x: number) => x;
  const span = g(a.hi) - g(a.lo);
  const at = span > 0 ? (g(Math.min(Math.max(v, a.lo), a.hi)) - g(a.lo)) / span : 0.5;
  return a.bottom + (1 - a.bottom - a.top) * at;
}

/** A bucket's span on the axis as [from, to] fractions. */
export function bucketSpan(a: AxisLayout, b: { lower: number; upper: number }): [number, number] {
  if (a.scale === 'log' && isZeroBucket(b)) return [0, a.bottom];
  if (a.scale === 'log' && b.lower === -Infinity) return [0, axisFraction(a, b.upper)];
  return [axisFraction(a, b.lower), axisFraction(a, b.upper)];
}

/** Tick values with their fractions: powers of ten on a log axis (with 2 and 5 when fewer than three fit), round steps on a linear one. */
export function axisTicks(a: AxisLayout): { value: number; at: number }[] {
  const values: number[] = [];
  if (a.scale === 'log') {
    const from = Math.floor(Math.log10(a.lo));
    const to = Math.ceil(Math.log10(a.hi));
    // Whole decades first; 2 and 5 only where decades alone leave the axis bare.
    for (const mantissas of [[1], [1, 2, 5]]) {
      values.length = 0;
      for (let e = from; e <= to; e++) for (const m of mantissas) values.push(m * 10 ** e);
      if (values.filter((v) => v >= a.lo && v <= a.hi).length >= 3) break;
    }
  } else {
    const range = a.hi - a.lo || Math.abs(a.hi) || 1;
    const raw = range / 4;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
    for (let v = Math.ceil(a.lo / step) * step; v <= a.hi + step * 1e-9; v += step) values.push(Number(v.toPrecision(12)));
  }
  return values.filter((v) => v >= a.lo && v <= a.hi).map((value) => ({ value, at: axisFraction(a, value) }));
}

/**
 * The ticks whose labels fit without touching: along an axis `length` px
 * long, a tick at fraction `at` takes `size(tick)` px centred on it, and is
 * dropped when it would overlap one kept before it or a `reserved` label (a
 * centre and size in px, such as the zero band's).
 */
export function spacedTicks<T extends { at: number }>(ticks: readonly T[], length: number, size: (t: T) => number, reserved: readonly { at: number; size: number }[] = []): T[] {
  const kept: { at: number; size: number }[] = [...reserved];
  const out: T[] = [];
  for (const t of ticks) {
    const at = t.at * length;
    const s = size(t);
    if (kept.some((k) => Math.abs(k.at - at) < (k.size + s) / 2)) continue;
    kept.push({ at, size: s });
    out.push(t);
  }
  return out;
}

/** A bucket's bounds as interval text, its brackets after the boundary rule: `(0.5, 1]`. */
export function bucketText(b: { rule: number; lower: number; upper: number }, format: (v: number) => string = boundText): string {
  const openLeft = b.rule === 0 || b.rule === 2;
  const openRight = b.rule === 1 || b.rule === 2;
  return `${openLeft ? '(' : '['}${format(b.lower)}, ${format(b.upper)}${openRight ? ')' : ']'}`;
}

/** A bound as Prometheus spells it. */
export function boundText(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** A count or rate to four significant digits, without SI prefixes (a rate of 0.03333/s reads as such, not as 33.33m). */
export function countText(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : boundText(v);
}

/** The shade (0..1) a cell of this value gets against the largest: Grafana's default exponential scale (exponent 0.5), never quite blank. */
export function cellShade(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return 0.15 + 0.85 * Math.sqrt(Math.min(1, value / max));
}

/** Count, sum and the buckets as one line of text, the buckets cut after `limit`; numbers to four digits for a table cell, or exact with `boundText` for copying. */
export function histogramSummary(h: HistogramJSON, limit = 6, format: (v: number) => string = countText): string {
  const buckets = parseBuckets(h);
  const shown = buckets.slice(0, limit).map((b) => `${bucketText(b, format)}: ${format(b.count)}`);
  const more = buckets.length > limit ? ` … ${buckets.length - limit} more` : '';
  const list = buckets.length > 0 ? ` · ${shown.join(' ')}${more}` : ' · no buckets';
  return `count ${format(goFloat(h.count))} · sum ${format(goFloat(h.sum))}${list}`;
}
