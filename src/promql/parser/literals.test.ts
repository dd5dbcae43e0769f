import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseNumber, unquote } from './literals';

describe('parseNumber', () => {
  it.each([
    ['1', 1],
    ['-1.5', -1.5],
    ['0x1F', 31],
    ['1e3', 1000],
    ['.5', 0.5],
    ['Inf', Infinity],
    ['-inf', -Infinity],
    ['5m', 300],
    ['1h30m', 5400],
    ['- 1', -1],
    ['010', 8],
  ])('%s is %d', (text, want) => {
    expect(parseNumber(text)).toBe(want);
  });

  it('reads NaN', () => {
    expect(parseNumber('NaN')).toBeNaN();
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['5m', 300_000],
    ['90', 90_000],
    ['1.5', 1500],
  ])('%s is %d ms', (text, want) => {
    expect(parseDurationMs(text)).toBe(want);
  });
});

describe('unquote', () => {
  it.each([
    ['"a\\nb"', 'a\nb'],
    ["'it\"s'", 'it"s'],
    ['`raw\\n`', 'raw\\n'],
    ['"\\u00e9\\x41"', 'éA'],
    ['"\\303\\251"', 'é'],
  ])('%s', (lit, want) => {
    expect(unquote(lit)).toBe(want);
  });

  it.each(['"unterminated', '"bad \\q escape"'])('rejects %s', (lit) => {
    expect(() => unquote(lit)).toThrow(/invalid syntax/);
  });
});
