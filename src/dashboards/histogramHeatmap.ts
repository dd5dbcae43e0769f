// Native histograms over time as the cells a heatmap draws: every distinct
// bucket (by its bounds) one row, every step one column, the values as given
// (counts, or rates when the query took a rate). Also splits a range result
// into the float series a line graph draws and the histogram series a
// heatmap draws, as Prometheus's own plan for its graph has it (the float
// graph, then one heatmap per histogram series: prometheus#11268).

import type { HistogramJSON } from '../model/histogram/types';
import type { GraphSeries, RangeColumns } from '../model/queryResult';
import { axisLayout, bucketSpan, bucketText, parseBuckets, type AxisLayout } from './histogramLayout';

export interface HistogramRow {
  rule: number;
  lower: number;
  upper: number;
  /** The row's span on the y axis, as fractions from the bottom. */
  from: number;
  to: number;
}

export interface HistogramMatrix {
  times: Float64Array;
  axis: AxisLayout;
  /** By lower bound, then upper. */
  rows: HistogramRow[];
  /** values[row][step]; NaN where that step has no such bucket. */
  values: Float64Array[];
  /** The largest value, for the colour scale; 0 when none is above 0. */
  max: number;
}

/**
 * The matrix of one or more histogram columns on one time axis; buckets with
 * the same bounds in several series are added, as a sum over the series
 * would (the dashboards' heatmap draws all of a panel's histograms as one).
 */
export function histogramMatrix(times: Float64Array, columns: readonly (readonly (HistogramJSON | null)[])[]): HistogramMatrix {
  const n = times.length;
  const byBounds = new Map<string, { rule: number; lower: number; upper: number; values: Float64Array }>();
  for (const column of columns) {
    for (let i = 0; i < n; i++) {
      const h = column[i];
      if (!h) continue;
      for (const b of parseBuckets(h)) {
        const key = `${b.lower}|${b.upper}`;
        let row = byBounds.get(key);
        if (!row) {
          row = { rule: b.rule, lower: b.lower, upper: b.upper, values: new Float64Array(n).fill(NaN) };
          byBounds.set(key, row);
        }
        row.values[i] = Number.isNaN(row.values[i]) ? b.count : row.values[i] + b.count;
      }
    }
  }
  const sorted = [...byBounds.values()].sort((a, b) => a.lower - b.lower || a.upper - b.upper);
  const axis = axisLayout(sorted);
  let max = 0;
  for (const r of sorted) for (const v of r.values) if (v > max) max = v;
  const rows = sorted.map((r) => {
    const [from, to] = bucketSpan(axis, r);
    return { rule: r.rule, lower: r.lower, upper: r.upper, from, to };
  });
  return { times, axis, rows, values: sorted.map((r) => r.values), max };
}

/**
 * The row under a point at fraction `at` of the y axis and step `step`: of
 * the rows spanning it, the narrowest with a value there (rows overlap when
 * a series changed its schema within the range); -1 when none has one.
 */
export function rowAt(m: HistogramMatrix, at: number, step: number): number {
  let best = -1;
  for (let r = 0; r < m.rows.length; r++) {
    const row = m.rows[r];
    if (at < row.from || at > row.to || Number.isNaN(m.values[r][step])) continue;
    if (best === -1 || row.to - row.from < m.rows[best].to - m.rows[best].from) best = r;
  }
  return best;
}

export interface SplitResult {
  /** The series with float samples, histogram steps blanked (NaN); null when no series has a float. */
  floats: RangeColumns | null;
  /** The series with histogram samples. */
  histograms: (GraphSeries & { hs: (HistogramJSON | null)[] })[];
}

/** A series with both kinds of sample (a metric that changed type) is in both: its floats as a line, its histograms as a heatmap. */
export function splitHistograms(data: RangeColumns): SplitResult {
  const floatSeries: GraphSeries[] = [];
  const histograms: SplitResult['histograms'] = [];
  for (const s of data.series) {
    const hs = s.hs;
    if (!hs || !hs.some((h) => h !== null)) {
      floatSeries.push(s);
      continue;
    }
    histograms.push({ ...s, hs });
    // Where a step holds a histogram, its float column is a placeholder (0 from the engine, NaN from the API).
    const vs = Float64Array.from(s.vs, (v, i) => (hs[i] ? NaN : v));
    if (vs.some((v) => !Number.isNaN(v))) floatSeries.push({ labels: s.labels, vs });
  }
  return {
    floats: floatSeries.length > 0 || histograms.length === 0 ? { ...data, series: floatSeries } : null,
    histograms,
  };
}

export interface CellHover {
  t: number;
  /** The bucket as interval text, `(0.5, 1]`. */
  bucket: string;
  value: number;
}

/** What hovering a cell says; null off the cells. */
export function cellHover(m: HistogramMatrix, step: number, row: number, formatBound?: (v: number) => string): CellHover | null {
  if (step < 0 || step >= m.times.length || row < 0 || row >= m.rows.length) return null;
  return { t: m.times[step], bucket: bucketText(m.rows[row], formatBound), value: m.values[row][step] };
}
