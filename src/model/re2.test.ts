import { describe, expect, it } from 'vitest';
import { compileAnchored } from './matcher';
import { re2ToJs } from './re2';

describe('re2ToJs', () => {
  it.each([
    ['(.+?)(\\:\\d+)?;(\\d+)', '(.+?)(:\\d+)?;(\\d+)'],
    ['a\\-b\\#c', 'a-b#c'],
    ['[\\:\\-a]', '[:\\-a]'],
    ['\\.\\*', '\\.\\*'],
    ['\\Aab\\z', '^ab$'],
    ['\\pL+\\PN', '\\p{L}+\\P{N}'],
    ['\\p{Greek}', '\\p{Greek}'],
    ['\\x{1F600}', '\\u{1F600}'],
    ['\\Q1.5+x\\E!', '1\\.5\\+x!'],
    ['[[:alpha:]_]+', '[A-Za-z_]+'],
    ['[]a]', '[\\]a]'],
    ['[^]a]', '[^\\]a]'],
    ['(?P<port>\\d+)', '(?<port>\\d+)'],
  ])('%s → %s', (re2, js) => {
    expect(re2ToJs(re2)).toBe(js);
  });

  it.each<[string, string, boolean]>([
    ['(.+?)(\\:\\d+)?;(\\d+)', 'pod:80;9090', true],
    ['[[:digit:]]+', '123', true],
    ['[[:digit:]]+', '12a', false],
    ['\\Q.*\\E', '.*', true],
    ['\\Q.*\\E', 'ab', false],
  ])('%s on %s is %s', (re2, input, want) => {
    expect(compileAnchored(re2).test(input)).toBe(want);
  });

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
    expect(compileAnchored(pattern).test(input)).toBe(want);
  });

  it('leaves plain patterns alone', () => {
    expect(re2ToJs('a|b.*')).toBe('a|b.*');
  });
});
