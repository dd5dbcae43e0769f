import { describe, expect, it } from 'vitest';
import { fitFontSize, gridLayout } from './statLayout';

describe('gridLayout', () => {
  it.each([
    [1, 400, 200, 1, 1],
    [4, 800, 200, 4, 1],
    [4, 200, 800, 1, 4],
    [4, 400, 200, 2, 2],
    [6, 900, 300, 3, 2],
  ])('%d stats in %dx%d take %d columns and %d rows', (count, w, h, columns, rows) => {
    expect(gridLayout(count, w, h, 2)).toMatchObject({ columns, rows });
  });
});

describe('gridLayout of gauges', () => {
  it('puts three gauges in a row where each is near square', () => {
    expect(gridLayout(3, 560, 220, 1)).toMatchObject({ columns: 3, rows: 1 });
    expect(gridLayout(3, 560, 220, 2)).toMatchObject({ columns: 2, rows: 2 });
  });
});

describe('fitFontSize', () => {
  it('shrinks long text to the width and short text to the height, within 10..120 px', () => {
    expect(fitFontSize('42', 400, 100)).toBe(60);
    expect(fitFontSize('123456789.123 GiB', 200, 200)).toBe(16);
    expect(fitFontSize('DOWN', 170, 100, 1)).toBe(45);
    expect(fitFontSize('1', 2000, 2000)).toBe(120);
    expect(fitFontSize('x'.repeat(500), 100, 100)).toBe(10);
  });
});
