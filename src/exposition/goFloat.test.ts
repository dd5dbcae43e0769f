import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoFloat, formatOpenMetricsFloat, parseGoFloat, parseGoInt } from './goFloat';

const enc = new TextEncoder();
const parseText = (s: string) => {
  const b = enc.encode(`x${s}x`);
  return parseGoFloat(b, 1, b.length - 1);
};

describe('parseGoFloat', () => {
  it.each<[string, number]>([
    ['1', 1],
    ['-1.5', -1.5],
    ['+.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1E-3', 0.001],
    ['0.1', 0.1],
    ['0000000000000000000000000001.2e-1', 0.12],
    ['9223372036854775808', 9223372036854775808],
    ['12345678901234567890.1234567890', 1.2345678901234567e19],
    ['1.7976931348623157e308', 1.7976931348623157e308],
    ['4.9e-324', 5e-324],
    ['9007199254740991', 9007199254740991],
    ['9007199254740993', 9007199254740992],
    ['9007199254740995', 9007199254740996],
    ['0.30000000000000004', 0.30000000000000004],
    ['1726839813.016397', 1726839813.016397],
    ['1.7268398142239082e+09', 1726839814.2239082],
    ['Inf', Infinity],
    ['+inf', Infinity],
    ['-Infinity', -Infinity],
    ['iNf', Infinity],
  ])('reads %s', (text, want) => {
    expect(parseText(text)).toBe(want);
  });

  it('reads NaN in any case', () => {
    expect(parseText('NaN')).toBeNaN();
    expect(parseText('nan')).toBeNaN();
  });

  it.each(['', '+', '.', 'e5', '1e', '1e+', '1.2.3', '1_000', '0x1p-3', '0x10', '0b1', '1f', '+NaN', 'Infinit', 'infinityx', '1e400', ' 1', '1 '])(
    'refuses %j as Go does',
    (text) => {
      expect(parseText(text)).toBeUndefined();
    },
  );

  it('agrees with the shortest round trip of any finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(Object.is(parseText(formatGoFloat(v)), v)).toBe(true);
        // toExponential drops the sign of -0, so compare with ===.
        expect(parseText(v.toExponential()) === v).toBe(true);
      }),
    );
  });
});

describe('parseGoInt', () => {
  it.each<[string, number | undefined]>([
    ['0', 0],
    ['1700000000000', 1700000000000],
    ['-5', -5],
    ['9223372036854775807', 2 ** 63],
    ['9223372036854775808', undefined],
    ['1.5', undefined],
    ['', undefined],
  ])('reads %j as %s', (text, want) => {
    const b = enc.encode(text);
    expect(parseGoInt(b, 0, b.length)).toBe(want);
  });
});

describe('formatGoFloat and formatOpenMetricsFloat', () => {
  it.each<[number, string, string]>([
    [1, '1', '1.0'],
    [0, '0', '0.0'],
    [-1, '-1', '-1.0'],
    [0.5, '0.5', '0.5'],
    [100000, '100000', '100000.0'],
    [1e6, '1e+06', '1e+06'],
    [1234567, '1.234567e+06', '1.234567e+06'],
    [1726839813.016397, '1.726839813016397e+09', '1.726839813016397e+09'],
    [0.0001, '0.0001', '0.0001'],
    [0.00001, '1e-05', '1e-05'],
    [1e-300, '1e-300', '1e-300'],
    [NaN, 'NaN', 'NaN'],
    [Infinity, '+Inf', '+Inf'],
    [-Infinity, '-Inf', '-Inf'],
  ])('writes %d as %s and %s', (v, go, om) => {
    expect(formatGoFloat(v)).toBe(go);
    expect(formatOpenMetricsFloat(v)).toBe(om);
  });
});
