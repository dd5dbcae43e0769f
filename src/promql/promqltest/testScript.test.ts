import { describe, expect, it } from 'vitest';
import { Head } from '../../tsdb/head';
import { runTestScript } from './testScript';

const newHead = () => new Head();

const script = `
load 5m
  http_requests{job="api", instance="0"} 0+10x10
  http_requests{job="api", instance="1"} 0+20x10
  hist {{schema:0 sum:1 count:1}}

eval instant at 50m sum(http_requests)
  {} 300

eval instant at 50m sum(http_requests)
  {} 301

eval range from 0 to 10m step 5m http_requests{instance="0"}
  http_requests{job="api", instance="0"} 0 10 20

eval_fail instant at 0m foo + on(x) group_left(x) bar
  expected_fail_regexp must not occur

eval instant at 10m rate(http_requests[10m])
  expect info msg: PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "http_requests"
  {job="api", instance="0"} 0.03333333333333333
  {job="api", instance="1"} 0.06666666666666667

eval instant at 0m hist
  expect no_warn
  hist {{schema:0 sum:1 count:1}}

eval instant at 50m hist </ 1
  expect no_warn

clear

eval instant at 50m http_requests

load_with_nhcb 5m
  lat_bucket{le="1"} 1
  lat_bucket{le="+Inf"} 2

eval instant at 0m lat
  lat {{schema:-53 count:2 custom_values:[1] buckets:[1 1]}}
`;

describe('runTestScript', () => {
  it('passes and fails statements with their lines', async () => {
    const results = await runTestScript(script, newHead);
    expect(results.map((r) => [r.line, r.outcome])).toEqual([
      [7, 'pass'],
      [10, 'fail'],
      [13, 'pass'],
      [16, 'pass'],
      [19, 'pass'],
      [24, 'pass'],
      [28, 'pass'],
      [33, 'pass'],
      [39, 'pass'],
    ]);
    expect(results[1].reason).toBe('expected 301 for {} but got 300');
  });
});

describe('runTestScript start-time lines', () => {
  it('loads start times given as offsets from each sample', async () => {
    const results = await runTestScript(`
load 1m
  c_total@st _ -30s -1m
  c_total    _ 5    5

eval instant at 2m resets(c_total[5m])
  {} 1
`, newHead);
    expect(results.map((r) => r.outcome)).toEqual(['pass']);
  });

  it.each([
    ['c_total{a="x"}@st -1m\n  c_total 1', /line 3: @st metric does not match the following sample line metric/],
    ['c_total@st -1m -1m\n  c_total 1', /line 3: @st line has 2 values but sample line has 1/],
    ['c_total@st -1m\n  c_total@st -1m\n  c_total 1', /line 3: @st line has no following sample line/],
    ['c_total 1\n  c_total@st -1m', /line 4: @st line has no following sample line/],
  ])('refuses %j', async (lines, message) => {
    await expect(runTestScript(`\nload 1m\n  ${lines}\n`, newHead)).rejects.toThrow(message);
  });
});
