import { describe, expect, it } from 'vitest';
import { defaultFieldConfig } from '../../../dashboards/defaults';
import type { PanelSeries } from './panelSeries';
import { sortRows, tableModel } from './tableRows';

function series(key: string, labels: Record<string, string>, times: number[], values: number[], instant = false): PanelSeries {
  return { key, refId: 'A', name: key, labels, times: Float64Array.from(times), values: Float64Array.from(values), field: { config: defaultFieldConfig(), custom: {} }, instant };
}

describe('tableModel', () => {
  it('puts __name__ first, then labels in order, and one row per sample of a range', () => {
    const m = tableModel([series('a', { job: 'x', __name__: 'up', env: 'p' }, [1, 2, 3], [1, NaN, 3]), series('b', { zone: 'z' }, [1], [5])]);
    expect(m.columns).toEqual(['Time', '__name__', 'env', 'job', 'zone', 'Value']);
    expect(m.rows.map((r) => [r.time, r.value])).toEqual([[1, 1], [3, 3], [1, 5]]);
  });
});

describe('sortRows', () => {
  const m = tableModel([
    series('a', { n: '10', s: 'b' }, [3], [NaN], true),
    series('b', { n: '9', s: 'a' }, [1], [2], true),
    series('c', { n: '100', s: 'c' }, [2], [-1], true),
  ]);
  it.each([
    ['Value', false, ['a', 'c', 'b']],
    ['Value', true, ['b', 'c', 'a']],
    ['n', false, ['b', 'a', 'c']],
    ['s', true, ['c', 'a', 'b']],
    ['Time', false, ['b', 'c', 'a']],
    ['', false, ['a', 'b', 'c']],
  ])('by %j desc %s', (column, desc, want) => {
    expect(sortRows(m.rows, column, desc).map((r) => r.series.key)).toEqual(want);
  });
});
