import { describe, expect, it } from 'vitest';
import { isStaleNaN } from '../../model/staleNaN';
import { isStartTimeLine, parseSeriesDesc, parseStartTimeDesc } from './seriesDesc';

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

describe('parseStartTimeDesc', () => {
  const offsets = (items: string) => parseStartTimeDesc(`m@st ${items}`).offsets.map((v) => (v.omitted ? '_' : v.value));

  it.each<[string, (number | string)[]]>([
    ['_ _x2', ['_', '_', '_']],
    ['-30s-1mx2', [-30_000, -90_000, -150_000]],
    ['-59999msx2', [-59_999, -59_999, -59_999]],
    ['-0msx1', [0, 0]],
    ['0-1mx1', [0, -60_000]],
    ['1ms-1mx1', [1, -59_999]],
    ['+1m -1m', [60_000, -60_000]],
    ['-1m+30sx2', [-60_000, -30_000, 0]],
    ['-180s', [-180_000]],
  ])('%s', (items, want) => {
    expect(offsets(items)).toEqual(want);
  });

  it.each(['5', '1m30s', '-1m+30s', '_x0', 'x2', '1mx'])('refuses %s', (items) => {
    expect(() => offsets(items)).toThrow(SyntaxError);
  });

  it('reads the series glued to @st', () => {
    expect(parseStartTimeDesc('m{type="a"}@st _ -1m').labels.toObject()).toEqual({ __name__: 'm', type: 'a' });
    expect(isStartTimeLine('m{type="a"}@st _ -1m')).toBe(true);
    expect(isStartTimeLine('m{type="a"} _ 1')).toBe(false);
    expect(isStartTimeLine('m@st')).toBe(false);
  });
});
