import { describe, expect, it } from 'vitest';
import { formatFloat, formatG, formatSampleValue } from './goFloat';

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

// Expected strings are Go's strconv.AppendFloat(f, 'f' or 'e', -1, 64) as MarshalFloat picks.
describe('formatSampleValue', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [0.3, '0.3'],
    [1e-6, '0.000001'],
    [-1e-6, '-0.000001'],
    [9.99e-7, '9.99e-07'],
    [1e-7, '1e-07'],
    [4e-9, '4e-09'],
    [-1.5e-7, '-1.5e-07'],
    [5e-324, '5e-324'],
    [1e-100, '1e-100'],
    [999999999999999900000, '999999999999999900000'],
    [1e21, '1e+21'],
    [-1e21, '-1e+21'],
    [1.2345e22, '1.2345e+22'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%d prints as %s', (f, want) => {
    expect(formatSampleValue(f)).toBe(want);
  });
});

describe('formatG', () => {
  it.each([
    [0.5, '0.5'],
    [-1.5, '-1.5'],
    [1e6, '1e+06'],
    [123456, '123456'],
    [0.00001, '1e-05'],
    [0.0001, '0.0001'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ])('%d prints as %s', (f, want) => {
    expect(formatG(f)).toBe(want);
  });
});
