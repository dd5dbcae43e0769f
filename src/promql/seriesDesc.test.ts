import { describe, expect, it } from 'vitest';
import { isStaleNaN } from '../tsdb/storage';
import { parseSeriesDesc } from './seriesDesc';

const values = (line: string) => parseSeriesDesc(`m ${line}`).values.map((v) => (v.omitted ? '_' : v.value));

describe('parseSeriesDesc', () => {
  it.each<[string, (number | string)[]]>([
    ['0+10x3', [0, 10, 20, 30]],
    ['5-1x2', [5, 4, 3]],
    ['1x2', [1, 1, 1]],
    ['0x8', [0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['_ 1 _x2 2', ['_', 1, '_', '_', 2]],
    ['Inf -Inf', [Infinity, -Infinity]],
    ['1e3 -2.5', [1000, -2.5]],
  ])('%s', (text, want) => {
    expect(values(text)).toEqual(want);
  });

  it('reads labels, quoted names and stale markers', () => {
    const d = parseSeriesDesc('{"my.metric", a="x", b=\'y\'} 1 stale');
    expect(d.labels.toObject()).toEqual({ __name__: 'my.metric', a: 'x', b: 'y' });
    const last = d.values[1];
    expect(!last.omitted && isStaleNaN(last.value)).toBe(true);
  });

  it('flags native histograms', () => {
    expect(parseSeriesDesc('h {{schema:0 sum:1 count:1}}').histogram).toBe(true);
  });
});
