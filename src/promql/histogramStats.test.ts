import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Histogram } from '../model/histogram/histogram';
import { CounterResetHint } from '../model/histogram/types';
import { parseExpr } from './parser/parse';
import type { Expr, VectorSelector } from './parser/ast';
import { statsOnlySelectors, statsOnlySeries } from './histogramStats';

function selectorNames(e: Expr, out: Map<string, VectorSelector> = new Map()): Map<string, VectorSelector> {
  if (e.kind === 'vectorSelector') out.set(e.name, e);
  else if (e.kind === 'matrixSelector') out.set(e.selector.name, e.selector);
  else if (e.kind === 'paren' || e.kind === 'unary' || e.kind === 'subquery') selectorNames(e.expr, out);
  else if (e.kind === 'call') e.args.forEach((a) => selectorNames(a, out));
  else if (e.kind === 'aggregate') selectorNames(e.expr, out);
  else if (e.kind === 'binary') [e.lhs, e.rhs].forEach((a) => selectorNames(a, out));
  return out;
}

describe('statsOnlySelectors', () => {
  it.each([
    ['histogram_count(sum(a))', ['a']],
    ['histogram_sum(rate(a[5m])) + b', ['a']],
    ['histogram_avg(sum_over_time(a[10m]))', ['a']],
    ['histogram_count(increase(a[40m:9m]))', []],
    ['histogram_quantile(0.9, histogram_count(a))', []],
    ['histogram_count(histogram_quantile(0.9, a))', []],
    ['histogram_count(a </ 2)', []],
    ['histogram_sum(sum(a >/ on () b))', []],
    ['histogram_count(a) </ 2', []],
    ['sum(a)', []],
  ])('%s reads count and sum only for %j', (query, names) => {
    const expr = parseExpr(query);
    const chosen = statsOnlySelectors(expr);
    const byName = selectorNames(expr);
    expect([...byName].filter(([, sel]) => chosen.has(sel)).map(([n]) => n)).toEqual(names);
  });
});

describe('statsOnlySeries', () => {
  it('keeps count and sum, and settles unknown hints by comparing each histogram with the one before', () => {
    const h = (count: number, buckets: number[], hint: CounterResetHint = CounterResetHint.Unknown) =>
      new Histogram({ counterResetHint: hint, count, sum: count * 2, positiveSpans: [{ offset: 0, length: buckets.length }], positiveBuckets: buckets });
    const s = statsOnlySeries({
      labels: Labels.from({ __name__: 'a' }),
      ts: new Float64Array([0, 1, 2, 3]),
      vs: new Float64Array(4),
      // Bucket deltas: [1] then [0, 1] is bucket 0 going from 1 to 0, a reset that the count alone does not show.
      hs: [h(1, [1]), h(1, [1]), h(1, [0, 1]), h(3, [1, 1], CounterResetHint.Gauge)],
    });
    expect(s.hs!.map((x) => x!.counterResetHint)).toEqual([CounterResetHint.Unknown, CounterResetHint.NotCounterReset, CounterResetHint.CounterReset, CounterResetHint.Gauge]);
    expect(s.hs!.map((x) => [x!.count, x!.sum, x!.positiveBuckets.length])).toEqual([[1, 2, 0], [1, 2, 0], [1, 2, 0], [3, 6, 0]]);
  });
});
