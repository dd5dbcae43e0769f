import { describe, expect, it } from 'vitest';
import { compileAnchored } from '../model/matcher';
import { re2ToJs } from './re2';

describe('re2ToJs', () => {
  it.each([
    ['(?i:PRO).*', 'production', true],
    ['.*(?i:DUC).*', 'production', true],
    ['.*((?i)TION)', 'production', true],
    ['((?i)PRO)DUCTION', 'proDUCTION', true],
    ['((?i)PRO)DUCTION', 'proDuction', false],
    ['(?i:[a-c]x)', 'BX', true],
    ['(?P<word>\\w+)-x', 'abc-x', true],
    ['(?i)abc', 'ABC', true],
    ['a\\.b', 'a.b', true],
  ])('%s on %s is %s', (pattern, input, want) => {
    expect(compileAnchored(re2ToJs(pattern)).test(input)).toBe(want);
  });

  it('leaves plain patterns alone', () => {
    expect(re2ToJs('a|b.*')).toBe('a|b.*');
  });
});
