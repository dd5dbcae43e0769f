import { describe, expect, it } from 'vitest';
import { parseExpr } from './parse';
import { printExpr } from './printer';

describe('printExpr', () => {
  it.each([
    ['sum   BY(job)(rate( http_requests_total{code=~"5.."}[5m] ))', 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))'],
    ['topk(3,x)', 'topk(3, x)'],
    ['a / ignoring(code) group_left b', 'a / ignoring (code) group_left b'],
    ['a > bool on(instance) group_right(job) b', 'a > bool on (instance) group_right (job) b'],
    ['foo offset 5m', 'foo offset 5m'],
    ['foo @ 100 offset -1m', 'foo @ 100.000 offset -1m'],
    ['rate(foo[1h30m] @ end())', 'rate(foo[1h30m] @ end())'],
    ['max_over_time(rate(x[1m])[30m:1m])', 'max_over_time(rate(x[1m])[30m:1m])'],
    ['x[5m:]', 'x[5m:]'],
    ['-(a + 1e-7)', '-(a + 1e-07)'],
    ['{__name__=~"a.*", job!="b"}', '{__name__=~"a.*", job!="b"}'],
    ['{"my.metric", "a.b"="c"}', '{"my.metric", "a.b"="c"}'],
    ['label_replace(up, "dst", "$1", "src", "(.*)")', 'label_replace(up, "dst", "$1", "src", "(.*)")'],
    ['sum without() (x)', 'sum without () (x)'],
    // As Prometheus 2.42's /api/v1/format_query prints them.
    ['histogram_fraction(-Inf, 0.5, x)', 'histogram_fraction(-Inf, 0.5, x)'],
    ['clamp(x, -Inf, +Inf)', 'clamp(x, -Inf, +Inf)'],
    ['- -Inf', '+Inf'],
    ['vector(-1)', 'vector(-1)'],
    ['-2^2', '-2 ^ 2'],
    ['- 2 ^ -2', '-2 ^ -2'],
    ['h</2', 'h </ 2'],
    ['h>/on(le)ignoring_me', 'h >/ on (le) ignoring_me'],
    ['(h </ -Inf) >/ 1e3', '(h </ -Inf) >/ 1000'],
  ])('%s → %s', (input, want) => {
    expect(printExpr(parseExpr(input))).toBe(want);
  });

  it('prints something that parses back to the same text', () => {
    for (const q of ['histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))', 'count_values("v", up) unless on () vector(1)', 'a and b or c']) {
      const once = printExpr(parseExpr(q));
      expect(printExpr(parseExpr(once))).toBe(once);
    }
  });
});
