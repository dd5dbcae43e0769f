import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDuration } from '../../model/duration';
import { alertingRuleYaml } from './ruleYaml';

describe('alertingRuleYaml', () => {
  it('writes a rule that reads back unchanged as YAML, awkward text included', () => {
    const yaml = alertingRuleYaml({
      kind: 'alerting',
      name: 'Down: "x"',
      expr: 'up{job="demo"} == 0 # not a comment',
      labels: { severity: 'page', evil: '<img src=x onerror=alert(1)>' },
      annotations: { summary: '{{ $labels.instance }} is down\nsecond line' },
      for: 90_000,
      keepFiringFor: 0,
      health: 'ok',
      lastError: '',
      lastEvaluation: 0,
      evaluationDurationMs: 0,
    });
    const [rule] = parse(`groups:\n  - name: g\n    rules:\n${yaml.replace(/^/gm, '      ')}\n`).groups[0].rules;
    expect({ ...rule, for: parseDuration(rule.for) }).toEqual({
      alert: 'Down: "x"',
      expr: 'up{job="demo"} == 0 # not a comment',
      labels: { severity: 'page', evil: '<img src=x onerror=alert(1)>' },
      annotations: { summary: '{{ $labels.instance }} is down\nsecond line' },
      for: 90_000,
    });
  });
});
