import { describe, expect, it } from 'vitest';
import { Matcher, type MatchType } from './matcher';

describe('Matcher', () => {
  it.each<[MatchType, string, string, boolean]>([
    ['=', 'GET', 'GET', true],
    ['=', 'GET', 'GETX', false],
    ['!=', 'GET', 'POST', true],
    ['=~', 'GET|POST', 'POST', true],
    ['=~', 'GET', 'xGETx', false],
    ['=~', 'a.*', 'a\nb', true],
    ['!~', '5..', '503', false],
    ['!~', '5..', '200', true],
    ['=~', '(?i)get', 'GeT', true],
    ['=~', '', '', true],
  ])('%s %j on %j is %s', (type, value, input, want) => {
    expect(new Matcher(type, 'l', value).matches(input)).toBe(want);
  });

  it('names the pattern in a regex error', () => {
    expect(() => new Matcher('=~', 'l', '(')).toThrow(/invalid pattern "\("/);
  });
});
