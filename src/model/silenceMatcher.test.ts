import { describe, expect, it } from 'vitest';
import { formatMatcher, MATCH_OPS, matcherOp, matchersForAlert, withOp } from './silenceMatcher';

describe('silence matchers', () => {
  it.each(MATCH_OPS)('%s survives a round trip through the form', (op) => {
    const m = withOp({ name: 'job', value: 'demo', isEqual: true, isRegex: false }, op);
    expect(matcherOp(m)).toBe(op);
  });

  it.each([
    [{ name: 'job', value: 'demo', isEqual: true, isRegex: false }, 'job="demo"'],
    [{ name: 'job', value: 'de.*', isEqual: false, isRegex: true }, 'job!~"de.*"'],
    [{ name: 'x', value: '"<b>"', isEqual: false, isRegex: false }, 'x!="\\"<b>\\""'],
  ])('prints %o as %s', (m, text) => {
    expect(formatMatcher(m)).toBe(text);
  });

  it("silences an alert by equality on each of its labels, sorted by name", () => {
    expect(matchersForAlert({ job: 'demo', alertname: 'Down' }).map(formatMatcher)).toEqual(['alertname="Down"', 'job="demo"']);
  });
});
