import { describe, expect, it } from 'vitest';
import type { RangeColumns } from '../model/queryResult';
import { heatmapBuckets } from './heatmapBuckets';

function range(series: [Record<string, string>, number[]][]): RangeColumns {
  const n = series[0]?.[1].length ?? 0;
  return {
    resultType: 'matrix',
    times: Float64Array.from({ length: n }, (_, i) => 1000 * i),
    series: series.map(([labels, vs]) => ({ labels, vs: Float64Array.from(vs) })),
    warnings: [],
    infos: [],
  };
}

const rows = (m: ReturnType<typeof heatmapBuckets>) => m.counts.map((c) => Array.from(c));

describe('heatmapBuckets', () => {
  it('de-cumulates buckets per step, sorted by bound with +Inf last (Grafana example)', () => {
    const m = heatmapBuckets(
      range([
        [{ le: '+Inf' }, [30, 10, 40]],
        [{ le: '20' }, [20, 10, 30]],
        [{ le: '10' }, [10, 10, 0]],
        [{ le: '30' }, [30, 10, 35]],
      ]),
    );
    expect(m.buckets.map((b) => b.le)).toEqual(['10', '20', '30', '+Inf']);
    expect(m.buckets.map((b) => [b.lower, b.upper])).toEqual([[0, 10], [10, 20], [20, 30], [30, Infinity]]);
    expect(rows(m)).toEqual([[10, 10, 0], [10, 0, 30], [10, 0, 5], [0, 0, 5]]);
    expect(m.max).toBe(30);
  });

  it('orders bounds as numbers, not as text', () => {
    const m = heatmapBuckets(range([[{ le: '1e-1' }, [1]], [{ le: '0.025' }, [1]], [{ le: '10' }, [3]], [{ le: '2.5' }, [2]]]));
    expect(m.buckets.map((b) => b.le)).toEqual(['0.025', '1e-1', '2.5', '10']);
    expect(rows(m)).toEqual([[1], [0], [1], [1]]);
  });

  it('adds series of the same bound, and leaves out series without a bound', () => {
    const m = heatmapBuckets(
      range([
        [{ le: '1', instance: 'a' }, [1, 2]],
        [{ le: '1', instance: 'b' }, [3, NaN]],
        [{ le: '+Inf', instance: 'a' }, [2, 2]],
        [{ le: '+Inf', instance: 'b' }, [5, 1]],
        [{ instance: 'c' }, [9, 9]],
        [{ le: 'big' }, [9, 9]],
      ]),
    );
    expect(rows(m)).toEqual([[4, 2], [3, 1]]);
    expect(m.ignored).toBe(2);
  });

  it('keeps a step without samples empty, and counts a missing lower bucket as 0', () => {
    const m = heatmapBuckets(range([[{ le: '1' }, [NaN, 1, 2]], [{ le: '2' }, [4, NaN, 1]]]));
    expect(rows(m)).toEqual([[NaN, 1, 2], [4, NaN, 0]]);
  });

  it('starts the lowest bucket at -Inf when its bound is not above zero', () => {
    expect(heatmapBuckets(range([[{ le: '-1' }, [1]], [{ le: '0' }, [1]]])).buckets[0].lower).toBe(-Infinity);
  });

  it('answers an empty matrix for no series', () => {
    expect(heatmapBuckets(range([]))).toMatchObject({ buckets: [], counts: [], max: 0, ignored: 0 });
  });
});
