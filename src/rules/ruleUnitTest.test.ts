import { describe, expect, it } from 'vitest';
import { goDurationString, runRuleTests } from './ruleUnitTest';

const RULES = `groups:
  - name: alerts
    rules:
      - alert: InstanceDown
        expr: up == 0
        for: 5m
        labels:
          severity: page
        annotations:
          summary: "Instance {{ $labels.instance }} down"
  - name: rec
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
`;

const files: Record<string, string> = { 'dir/rules.yml': RULES, 'dir/bad.yml': `groups:\n  - name: b\n    rules:\n      - record: x\n        expr: 'up +'\n` };
const opts = { dir: 'dir', readFile: async (p: string) => files[p] ?? Promise.reject(new Error(`open ${p}: no such file or directory`)) };

const run = (text: string, extra = {}) => runRuleTests(text, { ...opts, ...extra });

const head = (ruleFiles: string[]) => `rule_files: [${ruleFiles.join(', ')}]\nevaluation_interval: 1m\ntests:\n`;

describe('runRuleTests', () => {
  it('passes when alerts and expressions match', async () => {
    const res = await run(`${head(['rules.yml'])}  - interval: 1m
    input_series:
      - series: 'up{job="api", instance="a:1"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 4m
        alertname: InstanceDown
        exp_alerts: []
      - eval_time: 5m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels: { severity: page, instance: "a:1", job: api }
            exp_annotations: { summary: "Instance a:1 down" }
    promql_expr_test:
      - expr: job:up:sum
        eval_time: 2m
        exp_samples:
          - labels: 'job:up:sum{job="api"}'
            value: 0
      - expr: ALERTS
        eval_time: 2m
        exp_samples:
          - labels: 'ALERTS{alertname="InstanceDown", alertstate="pending", instance="a:1", job="api", severity="page"}'
            value: 1
`);
    expect(res.errors).toEqual([]);
  });

  it.each([
    [
      'an alert that differs',
      `  - name: g1
    input_series:
      - series: up
        values: '0x10'
    alert_rule_test:
      - eval_time: 6m
        alertname: InstanceDown
        exp_alerts: []
`,
      [
        '    name: g1,\n    alertname: InstanceDown, time: 6m, \n        exp:[], \n        got:[\n            0:\n              Labels:{alertname="InstanceDown", severity="page"}\n              Annotations:{summary="Instance  down"}\n            ]',
      ],
    ],
    [
      'a value that differs',
      `  - input_series:
      - series: up
        values: '1'
    promql_expr_test:
      - expr: up
        eval_time: 0
        exp_samples:
          - labels: up
            value: 2
`,
      ['    expr: "up", time: 0s,\n        exp: {__name__="up"} 2E+00\n        got: {__name__="up"} 1E+00'],
    ],
    [
      'a query that fails',
      `  - promql_expr_test:
      - expr: 'rate(up)'
        eval_time: 1m
`,
      ['    expr: "rate(up)", time: 1m, err: 1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ],
    ['an alert test without alertname', `  - alert_rule_test:\n      - eval_time: 1m\n`, ['an item under alert_rule_test misses required attribute alertname at eval_time 1m']],
  ])('reports %s as promtool does', async (_what, tests, want) => {
    expect((await run(head(['rules.yml']) + tests)).errors).toEqual(want);
  });

  it('reports rule files that do not load, with their path', async () => {
    const res = await run(`${head(['bad.yml'])}  - {}\n`);
    expect(res.errors).toEqual(['dir/bad.yml: 5:15: group "b", rule 1, "x": could not parse expression: 1:5: parse error: unexpected end of input']);
  });

  it('reports rule evaluation errors with rule and time, and stops the group', async () => {
    files['dir/join.yml'] = `groups:\n  - name: j\n    rules:\n      - record: j\n        expr: a + on(x) b\n`;
    const res = await run(`${head(['join.yml'])}  - input_series:\n      - series: 'a{x="1"}'\n        values: 1\n      - series: 'b{x="1",y="1"}'\n        values: 1\n      - series: 'b{x="1",y="2"}'\n        values: 1\n    promql_expr_test:\n      - expr: j\n        eval_time: 5m\n`);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]).toMatch(/^ {4}rule: j, time: 0s, err: found duplicate series for the match group \{x="1"\} on the right hand-side/);
  });

  it('runs only the groups --run selects, and compares fuzzily when asked', async () => {
    const text = `evaluation_interval: 1m\nfuzzy_compare: true\ntests:
  - name: close
    input_series: [{ series: t, values: '2.9999999999999996' }]
    promql_expr_test: [{ expr: t, eval_time: 0, exp_samples: [{ labels: t, value: 3 }] }]
  - name: far
    input_series: [{ series: t, values: '2.99' }]
    promql_expr_test: [{ expr: t, eval_time: 0, exp_samples: [{ labels: t, value: 3 }] }]
`;
    expect((await run(text)).errors).toHaveLength(1);
    expect((await run(text, { run: /close/ })).errors).toEqual([]);
    expect((await run(text.replace('fuzzy_compare: true', 'fuzzy_compare: false'), { run: /close/ })).errors).toHaveLength(1);
  });

  it('rejects unknown fields in the test file', async () => {
    expect((await run('tests:\n  - nme: x\n')).errors).toEqual(['2:5: field nme not found in type main.testGroup']);
  });

  it('skips native-histogram cases and says so', async () => {
    const res = await run(`tests:\n  - input_series:\n      - series: h\n        values: '{{sum:1 count:1}}'\n    promql_expr_test:\n      - expr: h\n        eval_time: 0\n        exp_samples:\n          - labels: h\n            histogram: '{{sum:1 count:1}}'\n`);
    expect(res.errors).toEqual([]);
    expect(res.skipped).toHaveLength(2);
  });
});

describe('goDurationString', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1500, '1.5s'],
    [60_000, '1m0s'],
    [3_723_000, '1h2m3s'],
  ])('%d ms is %s', (ms, want) => {
    expect(goDurationString(ms)).toBe(want);
  });
});
