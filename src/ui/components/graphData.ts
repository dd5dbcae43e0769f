// Range-query columns turned into the columns uPlot draws: times in seconds,
// and each value column with the points uPlot cannot draw as null. uPlot
// reads null as a gap, but NaN (no sample at a step) would poison its min/max
// scan, and ±Inf or (on a log axis) values <= 0 have no place on the axis.
import type uPlot from 'uplot';
import type { RangeColumns } from '../../model/queryResult';

export type PlotColumn = Float64Array | (number | null)[];

export interface PlotDataOptions {
  log?: boolean;
  /** Stack the shown series on one another; hidden series add nothing. */
  stacked?: boolean;
  /** Per series; only read when stacking. Missing means shown. */
  shown?: readonly boolean[];
}

export function toSeconds(timesMs: Float64Array): Float64Array {
  const out = new Float64Array(timesMs.length);
  for (let i = 0; i < timesMs.length; i++) out[i] = timesMs[i] / 1000;
  return out;
}

/**
 * The column as uPlot should draw it. A column with nothing to hide is
 * returned as is (no copy), which is the common case for dense results.
 */
export function plotColumn(values: Float64Array, log = false): PlotColumn {
  const drawable = log ? isPositiveFinite : Number.isFinite;
  let i = 0;
  while (i < values.length && drawable(values[i])) i++;
  if (i === values.length) return values;
  const out: (number | null)[] = Array.from(values.subarray(0, i));
  for (; i < values.length; i++) out.push(drawable(values[i]) ? values[i] : null);
  return out;
}

/**
 * Running totals over the shown series, in result order. A step where a
 * series has no sample is a gap in that series, and adds nothing to the ones
 * above it.
 */
export function stackColumns(columns: readonly Float64Array[], shown: readonly boolean[] = []): Float64Array[] {
  const n = columns[0]?.length ?? 0;
  const total = new Float64Array(n);
  return columns.map((vs, s) => {
    if (shown[s] === false) return vs;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = vs[i];
      if (Number.isFinite(v)) out[i] = total[i] += v;
      else out[i] = NaN;
    }
    return out;
  });
}

export function buildPlotData(data: RangeColumns, opts: PlotDataOptions = {}): uPlot.AlignedData {
  const raw = data.series.map((s) => s.vs);
  const columns = opts.stacked ? stackColumns(raw, opts.shown) : raw;
  return [toSeconds(data.times), ...columns.map((vs) => plotColumn(vs, opts.log))];
}

/**
 * uPlot bands filling each shown stacked series down to the shown series
 * below it (series indices are 1-based in uPlot; 0 is time).
 */
export function stackBands(shown: readonly boolean[]): uPlot.Band[] {
  const bands: uPlot.Band[] = [];
  let below = -1;
  shown.forEach((isShown, s) => {
    if (!isShown) return;
    if (below >= 0) bands.push({ series: [s + 1, below + 1] });
    below = s;
  });
  return bands;
}

function isPositiveFinite(v: number): boolean {
  return v > 0 && v < Infinity;
}
