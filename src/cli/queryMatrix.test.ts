import { describe, expect, it } from 'vitest';
import { parseExpr } from '../promql/parser/parse';
import { MATRIX_SHAPES, matrixQueries, summarise } from './queryMatrix.bench';

describe('query matrix', () => {
  const queries = matrixQueries();

  it('expands every shape over the three groups, and windowed shapes over three windows', () => {
    const windowed = Object.values(MATRIX_SHAPES).filter((t) => t.includes('$W')).length;
    const plain = Object.keys(MATRIX_SHAPES).length - windowed;
    expect(Object.keys(queries)).toHaveLength(3 * (plain + 3 * windowed));
    expect(queries.rate_10k_1h).toBe('rate(matrix_requests_total{group="10k"}[1h])');
  });

  it('every query parses as PromQL, with no placeholder left', () => {
    const broken = Object.entries(queries).filter(([, q]) => {
      try {
        parseExpr(q);
        return /\$[gcbW]/.test(q);
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it('summarises ratios as their geometric mean, the worst with its name, and the share slower', () => {
    expect(summarise({ a: 0.5, b: 2, c: 1, d: 4 })).toEqual({
      query_ratio_geomean: 1.41,
      query_ratio_worst: 4,
      query_ratio_worst_name: 'd',
      query_ratio_slower_share: 0.5,
      query_ratio_count: 4,
    });
    expect(summarise({})).toEqual({});
  });
});
