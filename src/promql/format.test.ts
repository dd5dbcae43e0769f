import { describe, expect, it } from 'vitest';
import { formatFloat, formatG } from './format';

describe('formatFloat', () => {
  it.each([
    [1, '1'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [123456789012, '123456789012'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
    [-0, '-0'],
  ])('%d prints as %s', (f, want) => {
    expect(formatFloat(f)).toBe(want);
  });
});

describe('formatG', () => {
  it.each([
    [0.5, '0.5'],
    [-1.5, '-1.5'],
    [1e6, '1e+06'],
    [123456, '123456'],
    [0.00001, '1e-05'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%d prints as %s', (f, want) => {
    expect(formatG(f)).toBe(want);
  });
});
