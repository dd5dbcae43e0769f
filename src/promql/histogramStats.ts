// Selectors whose histograms feed only histogram_count, histogram_sum or
// histogram_avg are read as Prometheus reads them there: count and sum alone,
// each sample's unknown counter-reset hint replaced by one found by comparing
// it with the sample before (detectHistogramStatsDecoding and
// HistogramStatsIterator). The hints this sets are what lets an aggregation
// above warn of conflicting counter resets, as Prometheus's does.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { CounterResetHint } from '../model/histogram/types';
import { histogramSample } from './histogramValues';
import type { SeriesData } from '../model/seriesData';
import { TRIM_OPS, type Expr, type VectorSelector } from './parser/ast';

const STATS_FUNCTIONS = new Set(['histogram_count', 'histogram_sum', 'histogram_avg']);
const BUCKET_FUNCTIONS = new Set(['histogram_quantile', 'histogram_quantiles', 'histogram_fraction']);

/** The selectors whose nearest histogram-minded ancestor is a stats function, with no subquery or trim operator above it. */
export function statsOnlySelectors(expr: Expr): Set<VectorSelector> {
  const out = new Set<VectorSelector>();
  const path: Expr[] = [];
  const decide = (sel: VectorSelector) => {
    let skip = false;
    for (let i = path.length - 1; i >= 0; i--) {
      const p = path[i];
      if (p.kind === 'subquery') return;
      if (p.kind === 'call' && STATS_FUNCTIONS.has(p.func.name)) skip = true;
      if (p.kind === 'call' && BUCKET_FUNCTIONS.has(p.func.name)) return;
      // A trim reads the buckets to cut them, whatever is above it.
      if (p.kind === 'binary' && TRIM_OPS.has(p.op)) return;
    }
    if (skip) out.add(sel);
  };
  const walk = (e: Expr): void => {
    if (e.kind === 'vectorSelector') return decide(e);
    if (e.kind === 'matrixSelector') return decide(e.selector);
    path.push(e);
    switch (e.kind) {
      case 'paren':
      case 'unary':
      case 'subquery':
        walk(e.expr);
        break;
      case 'call':
        e.args.forEach(walk);
        break;
      case 'aggregate':
        if (e.param) walk(e.param);
        walk(e.expr);
        break;
      case 'binary':
        walk(e.lhs);
        walk(e.rhs);
        break;
    }
    path.pop();
  };
  walk(expr);
  return out;
}

/** A series' histograms as count and sum with their reset hints settled, as HistogramStatsIterator yields them in order. */
export function statsOnlySeries(s: SeriesData): SeriesData {
  if (s.hs === undefined) return s;
  let last: FloatHistogram | undefined;
  const hs = s.hs.map((h) => {
    if (h === undefined) return undefined;
    const full = histogramSample(h);
    let hint = full.counterResetHint;
    if (hint === CounterResetHint.Unknown && last !== undefined) {
      hint = full.detectReset(last) ? CounterResetHint.CounterReset : CounterResetHint.NotCounterReset;
    }
    last = full;
    return new FloatHistogram({ counterResetHint: hint, schema: full.schema, count: full.count, sum: full.sum, customValues: full.customValues });
  });
  return { ...s, hs };
}
