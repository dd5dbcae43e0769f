import { describe, expect, it } from 'vitest';
import type { InstantResult } from '../../model/queryResult';
import { labelColumns, nextSort, resultRows, rowsAsTsv, sortRows } from './resultRows';

const result: InstantResult = {
  resultType: 'vector',
  warnings: [],
  infos: [],
  rows: [
    { labels: { __name__: 'up', job: 'node', instance: 'b:10' }, t: 0, value: 1 },
    { labels: { __name__: 'up', job: 'demo', instance: 'a:9' }, t: 0, value: NaN },
    { labels: { __name__: 'up', job: 'api', instance: 'a:10', zone: 'x\ty' }, t: 0, value: 0 },
  ],
};

describe('result table rows', () => {
  const rows = resultRows(result);

  it('has the metric name first, then every label name any row has', () => {
    expect(labelColumns(rows)).toEqual(['__name__', 'instance', 'job', 'zone']);
  });

  it.each([
    [{ column: 'instance', descending: false }, ['a:9', 'a:10', 'b:10']],
    [{ column: 'job', descending: true }, ['b:10', 'a:9', 'a:10']],
    [{ column: '', descending: false }, ['a:10', 'b:10', 'a:9']],
    [{ column: '', descending: true }, ['b:10', 'a:10', 'a:9']],
  ])('sorts by %j', (sort, instances) => {
    expect(sortRows(rows, sort).map((r) => r.labels.instance)).toEqual(instances);
  });

  it('cycles a header click through ascending, descending and unsorted', () => {
    const a = nextSort(null, 'job');
    const b = nextSort(a, 'job');
    expect([a, b, nextSort(b, 'job')]).toEqual([{ column: 'job', descending: false }, { column: 'job', descending: true }, null]);
  });

  it('copies as tab-separated text with tabs inside values flattened', () => {
    const text = rowsAsTsv(rows, labelColumns(rows));
    expect(text.split('\n')[0]).toBe('metric\tinstance\tjob\tzone\tvalue');
    expect(text).toContain('up\ta:10\tapi\tx y\t0');
  });

  it('shows a range selector result with its newest value and every sample', () => {
    const [row] = resultRows({ ...result, resultType: 'matrix', rows: [], matrix: [{ labels: { __name__: 'x' }, ts: Float64Array.of(1000, 2000), vs: Float64Array.of(3, 4) }] });
    expect(row.value).toBe(4);
    expect(row.samples).toEqual([{ t: 1000, v: 3 }, { t: 2000, v: 4 }]);
  });
});
