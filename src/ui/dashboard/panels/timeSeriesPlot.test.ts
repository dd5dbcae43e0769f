import { describe, expect, it } from 'vitest';
import { percentColumns, tickDecimals, timeSeriesData, withAlpha } from './timeSeriesPlot';

describe('percentColumns', () => {
  it('gives each shown series its share of the step total, hidden ones not counted', () => {
    const cols = [Float64Array.of(1, 0, NaN), Float64Array.of(3, 0, 2), Float64Array.of(4, 4, 4)];
    expect(percentColumns(cols, [true, true, false]).map((c) => Array.from(c))).toEqual([[0.25, NaN, NaN], [0.75, NaN, 1], [1, NaN, 2]]);
  });
});

describe('timeSeriesData', () => {
  it('stacks percent shares to 1 and times in seconds', () => {
    const data = timeSeriesData(Float64Array.of(1000, 2000), [Float64Array.of(1, 2), Float64Array.of(3, 2)], 'percent', [true, true], false);
    expect(Array.from(data[0])).toEqual([1, 2]);
    expect(Array.from(data[2] as Float64Array)).toEqual([1, 1]);
  });
  it('drops values a log axis cannot place', () => {
    const data = timeSeriesData(Float64Array.of(0, 1000), [Float64Array.of(0, 5)], 'none', [true], true);
    expect(Array.from(data[1])).toEqual([null, 5]);
  });
});

describe('withAlpha', () => {
  it.each([
    ['#73BF69', 0.5, '#73BF6980'],
    ['#abc', 1, '#aabbccff'],
    ['hsl(10 70% 45%)', 0.2, 'hsl(10 70% 45% / 0.2)'],
    ['rgb(1, 2, 3)', 0.3, 'rgba(1, 2, 3, 0.3)'],
    ['rgba(255,255,255,0.8)', 0.2, 'rgba(255, 255, 255, 0.2)'],
    ['red', 0.5, 'red'],
  ])('%s at %d is %s', (color, alpha, want) => {
    expect(withAlpha(color, alpha)).toBe(want);
  });
});

describe('tickDecimals', () => {
  it.each([
    [0.25, 2],
    [0.1, 1],
    [5, null],
    [1000, null],
    [0.1 + 0.2, 1],
  ])('a tick increment of %d shows %s decimals', (incr, want) => {
    expect(tickDecimals(incr)).toBe(want);
  });
});
