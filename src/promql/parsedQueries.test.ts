import { describe, expect, it } from 'vitest';
import { ParsedQueries } from './parsedQueries';
import { ParseError } from './errors';
import { printExpr } from './parser/printer';

const RANGE = { stepMs: 15_000, rangeMs: 900_000 };

describe('ParsedQueries', () => {
  it.each([
    ['a query asked again gets the same tree', 'rate(x[5m])', RANGE, 'rate(x[5m])', RANGE, true],
    ['other text parses anew', 'rate(x[5m])', RANGE, 'rate(x[1m])', RANGE, false],
    ['step() follows the query step', 'rate(x[step()])', RANGE, 'rate(x[step()])', { ...RANGE, stepMs: 30_000 }, false],
    ['range() follows the query span', 'x offset range()', RANGE, 'x offset range()', { ...RANGE, rangeMs: 60_000 }, false],
  ])('%s', (_, q1, d1, q2, d2, same) => {
    const cache = new ParsedQueries();
    const a = cache.parse(q1, d1);
    const b = cache.parse(q2, d2);
    expect(a === b).toBe(same);
  });

  it('resolves step() and range() with the durations it was asked with', () => {
    const cache = new ParsedQueries();
    expect(printExpr(cache.parse('rate(x[step()])', RANGE))).toBe('rate(x[15s])');
    expect(printExpr(cache.parse('rate(x[step()])', { ...RANGE, stepMs: 30_000 }))).toBe('rate(x[30s])');
  });

  it('forgets the least recently used tree past its capacity', () => {
    const cache = new ParsedQueries(2);
    const a = cache.parse('a', RANGE);
    const b = cache.parse('b', RANGE);
    expect(cache.parse('a', RANGE)).toBe(a);
    cache.parse('c', RANGE);
    expect(cache.parse('a', RANGE)).toBe(a);
    expect(cache.parse('b', RANGE)).not.toBe(b);
  });

  it('throws a bad query’s parse error every time it is asked', () => {
    const cache = new ParsedQueries();
    expect(() => cache.parse('rate(x[5m]', RANGE)).toThrow(ParseError);
    expect(() => cache.parse('rate(x[5m]', RANGE)).toThrow(ParseError);
  });
});
